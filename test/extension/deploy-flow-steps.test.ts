/** The choices of each step of "Deploy Model Version…", from the daemon's answers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  ClusterContextSummary,
  DeploymentGate,
  ModelVersion,
  RegisteredModel,
} from '../../daemon/api/contract.ts';
import {
  blockingGates,
  confirmationError,
  contextItems,
  gateItems,
  modelItems,
  namespaceError,
  namespaceItems,
  parseThreshold,
  runtimeItems,
  sizingItems,
  strategyItems,
  triggerItems,
  versionItems,
} from '../../extension/deploy/deploy-flow-steps.ts';

const CHURN: RegisteredModel = {
  name: 'churn',
  creation_timestamp: 1,
  last_updated_timestamp: 2,
  description: '',
  latest_versions: [],
  tags: [],
  aliases: [{ alias: 'production', version: '1' }],
};

function version(v: string, extra: Partial<ModelVersion> = {}): ModelVersion {
  return {
    name: 'churn',
    version: v,
    creation_timestamp: 1,
    last_updated_timestamp: 1,
    user_id: 'ana',
    current_stage: 'None',
    description: '',
    source: '',
    run_id: 'r',
    run_link: '',
    status: 'READY',
    tags: [],
    aliases: [],
    ...extra,
  };
}

function context(name: string, extra: Partial<ClusterContextSummary> = {}): ClusterContextSummary {
  return {
    name,
    cluster: name,
    user: 'ana',
    current: false,
    enabled: true,
    production: false,
    freshness: { state: 'live', resources: [] },
    ...extra,
  };
}

describe('deploy flow steps', () => {
  it('lists models with their aliases, and aliases before versions newest first', () => {
    assert.deepEqual(modelItems([CHURN]), [
      { label: 'churn', description: '@production → v1', value: 'churn' },
    ]);
    const items = versionItems(CHURN, [
      version('1', { aliases: ['production'] }),
      version('10'),
      version('2', { current_stage: 'Staging' }),
    ]);
    assert.deepEqual(
      items.map((i) => [i.label, i.value, i.description]),
      [
        ['@production', '@production', 'version 1'],
        ['v10', '10', ''],
        ['v2', '2', 'Staging'],
        ['v1', '1', '@production'],
      ],
    );
  });

  it('offers only the watched contexts the daemon reaches, production ones named', () => {
    const items = contextItems([
      context('dev'),
      context('prod', { production: true }),
      context('off', { enabled: false, freshness: { state: 'disabled', resources: [] } }),
      context('broken', { freshness: { state: 'error', reason: '401', resources: [] } }),
      context('stale', { freshness: { state: 'stale', resources: [] } }),
    ]);
    assert.deepEqual(
      items.map((i) => [i.value, i.description]),
      [
        ['dev', 'live'],
        ['prod', 'production · live'],
        ['stale', 'stale'],
      ],
    );
  });

  it("offers the context's namespace first, then the workloads', then default, each once", () => {
    assert.deepEqual(
      namespaceItems(context('dev', { namespace: 'ml-serving' }), ['training', 'ml-serving', 'batch']).map(
        (i) => i.value,
      ),
      ['ml-serving', 'batch', 'training', 'default'],
    );
    assert.equal(namespaceError('ml-serving'), undefined);
    assert.match(namespaceError('ML_Serving') ?? '', /DNS label/);
  });

  it('offers KServe or a Deployment and a Service where the CRD is served, only the latter elsewhere', () => {
    assert.deepEqual(
      runtimeItems({ runtimes: ['kserve', 'deployment'] }).map((i) => [i.value, i.label, i.description]),
      [
        ['kserve', 'KServe InferenceService', 'the cluster serves serving.kserve.io/v1beta1'],
        ['deployment', 'Deployment + Service', 'instead of KServe'],
      ],
    );
    assert.deepEqual(
      runtimeItems({ runtimes: ['deployment'] }).map((i) => [i.value, i.description]),
      [['deployment', 'no KServe CRD on this cluster']],
    );
  });

  it('shows the GPU request with the reasoning of the plan', () => {
    const items = sizingItems({
      resource: 'nvidia.com/mig-1g.10gb',
      slice_memory_mib: 10240,
      required_memory_mib: 1536,
      basis: 'estimate',
      reasoning: [
        'artifact 512 MiB × 1.2 (sklearn) + 1024 MiB CUDA runtime = 1639 MiB',
        'chosen mig-1g.10gb',
      ],
    });
    assert.equal(items[0]?.label, 'Request nvidia.com/mig-1g.10gb');
    assert.equal(items[0]?.description, '10.0 GiB for 1.5 GiB needed (estimate)');
    assert.deepEqual(
      items.slice(1).map((i) => i.label),
      [
        '$(info) artifact 512 MiB × 1.2 (sklearn) + 1024 MiB CUDA runtime = 1639 MiB',
        '$(info) chosen mig-1g.10gb',
      ],
    );
  });

  it('names the replica-ratio split coarse, and only then', () => {
    const coarse = strategyItems({ traffic: 'replica-ratio', traffic_note: 'coarse: 1 of 20 replicas' });
    assert.deepEqual(
      coarse.map((i) => [i.value, i.description]),
      [
        ['direct', undefined],
        ['canary', 'coarse: by replica ratio'],
        ['shadow', undefined],
        ['blue-green', 'coarse: by replica ratio'],
      ],
    );
    assert.match(coarse[1]?.detail ?? '', /coarse: 1 of 20 replicas/);
    assert.ok(strategyItems({ traffic: 'kserve-canary' }).every((i) => i.description === undefined));
    assert.equal(strategyItems({ traffic: 'kserve-canary' })[1]?.label, 'Canary 5% → 25% → 50% → 100%');
  });

  it('lists the triggers after "Continue", and reads a typed threshold', () => {
    const items = triggerItems([
      { id: 'error-rate', direction: 'above', threshold: 0.01, unit: 'ratio' },
      { id: 'p99-latency', direction: 'above', threshold: 200, unit: 'ms' },
    ]);
    assert.deepEqual(
      items.map((i) => [i.value, i.description]),
      [
        ['continue', undefined],
        ['error-rate', 'rolls back when above 0.01'],
        ['p99-latency', 'rolls back when above 200 ms'],
      ],
    );
    assert.equal(parseThreshold(' 0.05 '), 0.05);
    assert.equal(parseThreshold('-1'), 'A threshold is a number, 0 or more.');
    assert.equal(parseThreshold('fast'), 'A threshold is a number, 0 or more.');
    assert.equal(parseThreshold(''), 'A threshold is a number, 0 or more.');
  });

  it('shows gates pass/fail; a failed gate stops, the production confirmation is asked next', () => {
    const gates: DeploymentGate[] = [
      { id: 'registry-metadata', status: 'passed', message: 'valid' },
      { id: 'evaluation-metric', status: 'not-checked', message: 'no metric named' },
      { id: 'production-confirmation', status: 'failed', message: 'type its name' },
    ];
    assert.deepEqual(blockingGates(gates, true), []);
    assert.deepEqual(
      blockingGates(gates, false).map((g) => g.id),
      ['production-confirmation'],
    );
    const production = gateItems(gates, true);
    assert.equal(production[0]?.label, '$(check) Continue');
    assert.deepEqual(
      production.slice(1).map((i) => [i.label, i.description]),
      [
        ['$(pass) registry-metadata', 'passed'],
        ['$(circle-slash) evaluation-metric', 'not-checked'],
        ['$(error) production-confirmation', 'asked next'],
      ],
    );
    const refused = gateItems(
      [{ id: 'registry-metadata', status: 'failed', message: 'no provenance' }],
      false,
    );
    assert.equal(refused[0]?.label, '$(stop) Cannot deploy: 1 gate failed');
    assert.ok(refused.every((i) => i.value === 'stop'));
  });

  it('accepts only the exact context name as the production confirmation', () => {
    assert.equal(confirmationError('prod', 'prod'), undefined);
    assert.equal(confirmationError('Prod', 'prod'), 'Type prod to deploy to this production context.');
    assert.equal(confirmationError('', 'prod'), 'Type prod to deploy to this production context.');
  });
});
