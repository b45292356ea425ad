/**
 * Drift and the shadow's disagreement as rollback triggers, against the fake API server with the
 * daemon's real HTTP app and SQLite store: a canary whose inputs drift once it serves is rolled
 * back with the feature and its PSI in the reason; a shadow whose predictions, pushed with the
 * primary's request ids, differ too often is rolled back, and one that agrees is promoted. The
 * plan's runtime can be a Deployment and a Service where the cluster serves KServe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NATIVE_API_PREFIX, type DeploymentPlan } from '../../daemon/api/contract.ts';
import type { GuardrailReading } from '../../daemon/deploy/guardrails.ts';
import { DEPLOYMENTS, startDeploymentDaemon, TARGET, type DeploymentDaemon } from './deployment-daemon.ts';

/** Long enough for the test to push samples while the first step holds. */
const DWELL_MS = 4000;

interface Sample {
  model_name: string;
  model_version: string;
  timestamp: number;
  features: Record<string, number | string>;
  prediction?: number | string;
  prediction_id?: string;
}

describe('drift and shadow-disagreement guardrails (fake API server, pushed samples)', () => {
  let scene: DeploymentDaemon;
  const serving: GuardrailReading = { 'p99-latency': 40, 'error-rate': 0 };
  const call = (method: string, path: string, body?: unknown) => scene.call(method, path, body);
  const finished = (id: string) => scene.finished(id);
  const managed = () => scene.managed();
  /** Waits until the first step has rolled out, so pushed samples fall within it. */
  const firstStepServing = (id: string, percent: number) =>
    scene.until(
      id,
      (r) => r.events.some((e) => e.message === `rolled out at ${percent}%`) || r.state !== 'progressing',
      `deployment ${id} never rolled out at ${percent}%`,
    );
  const start = (body: Record<string, unknown>): Promise<string> =>
    scene.deploy({ dwell_ms: DWELL_MS, ...body });

  async function push(samples: Sample[]): Promise<void> {
    const reply = await scene.client.call('POST', `${NATIVE_API_PREFIX}/drift/samples`, {
      rawBody: samples.map((s) => JSON.stringify(s)).join('\n'),
    });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.json, { accepted: samples.length, rejected: [] });
  }

  before(async () => {
    scene = await startDeploymentDaemon({
      versions: ['1', '2', '3'],
      reading: () => serving,
      deployments: { drift: { minSamples: 40, refreshMs: 300 }, shadow: { minPairs: 20 } },
    });
    // The training inputs: amounts spread over 0–99, two countries.
    const baseline = await call('POST', `${NATIVE_API_PREFIX}/drift/baselines`, {
      model_name: 'fraud',
      columns: {
        amount: Array.from({ length: 400 }, (_, i) => i % 100),
        country: Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 'DE' : 'FR')),
      },
    });
    assert.equal(baseline.status, 200, baseline.text);
    const first = await finished(await start({ model_version: '1', dwell_ms: 80 }));
    assert.equal(first.state, 'promoted', JSON.stringify(first.events));
  });
  after(async () => {
    await scene.close();
  });

  it('rolls back a canary whose inputs drift once it serves, naming the feature and its PSI', async () => {
    const id = await start({ model_version: '2', strategy: 'canary' });
    await firstStepServing(id, 5);
    // Amounts far above anything in training; the countries as before.
    await push(
      Array.from({ length: 60 }, (_, i) => ({
        model_name: 'fraud',
        model_version: '2',
        timestamp: Date.now(),
        features: { amount: 500 + i, country: i % 2 === 0 ? 'DE' : 'FR' },
      })),
    );
    const record = await finished(id);
    assert.equal(record.state, 'rolled_back', JSON.stringify(record.events));
    assert.match(
      record.reason ?? '',
      /^rolled back \(at 5%: drift-psi \d+(\.\d+)? is above the rollback threshold 0\.25 \(feature amount; drift report \d+ of version 2 over 60 samples since the step began, against its recorded reference\)\); version 1 serves 100%$/,
    );
    const psi = record.readings?.values['drift-psi'];
    assert.ok(psi !== undefined && psi > 0.25, JSON.stringify(record.readings));
    assert.deepEqual(await managed(), ['InferenceService/fraud@1']);
  });

  it('rolls back a shadow that answers mirrored requests differently, with nothing of it left', async () => {
    // Version 1 serves as a KServe InferenceService: a shadow (Deployments) cannot mirror it, and a
    // rollback would not restore it as it was.
    const refused = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...TARGET,
      model_version: '3',
      strategy: 'shadow',
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /version 1 serves as an InferenceService \(runtime 'kserve'\)/);
    const moved = await finished(await start({ model_version: '1', runtime: 'deployment', dwell_ms: 80 }));
    assert.equal(moved.state, 'promoted', JSON.stringify(moved.events));
    const nowLive = await managed();
    assert.ok(
      nowLive.includes('Deployment/fraud-v1@1') && !nowLive.some((o) => o.startsWith('InferenceService/')),
      `version 1 now serves as a Deployment: ${nowLive.join(', ')}`,
    );
    const id = await start({ model_version: '3', strategy: 'shadow' });
    await firstStepServing(id, 0);
    const now = Date.now();
    const request = (version: string, i: number, prediction: string): Sample => ({
      model_name: 'fraud',
      model_version: version,
      timestamp: now,
      // Inputs as in training, so that only the outputs differ.
      features: { amount: i * 2.5, country: i % 2 === 0 ? 'DE' : 'FR' },
      prediction,
      prediction_id: `req-a${i}`,
    });
    // 40 requests; the shadow labels 10 of them otherwise.
    await push(Array.from({ length: 40 }, (_, i) => request('1', i, i % 2 === 0 ? 'fraud' : 'legit')));
    await push(
      Array.from({ length: 40 }, (_, i) => request('3', i, (i % 2 === 0) !== i < 10 ? 'fraud' : 'legit')),
    );
    const record = await finished(id);
    assert.equal(record.state, 'rolled_back', JSON.stringify(record.events));
    assert.equal(
      record.reason,
      'rolled back (at 0%: shadow-disagreement 0.25 is above the rollback threshold 0.05 (10 of 40 requests answered differently by version 3 than by version 1 since the step began (paired by prediction_id; numbers differ beyond 1%))); version 1 serves 100%',
    );
    const left = await managed();
    assert.ok(left.length > 0 && left.every((o) => o.endsWith('@1')), left.join(', '));
  });

  it('promotes a shadow whose regression outputs agree within the tolerance', async () => {
    const id = await start({ model_version: '3', strategy: 'shadow' });
    await firstStepServing(id, 0);
    const now = Date.now();
    const request = (version: string, i: number, prediction: number): Sample => ({
      model_name: 'fraud',
      model_version: version,
      timestamp: now,
      features: { amount: (i * 100) / 30, country: i % 2 === 0 ? 'DE' : 'FR' },
      prediction,
      prediction_id: `req-b${i}`,
    });
    await push(Array.from({ length: 30 }, (_, i) => request('1', i, 100 + i)));
    // 0.5% apart: the same answer for a regression.
    await push(Array.from({ length: 30 }, (_, i) => request('3', i, (100 + i) * 1.005)));
    const record = await finished(id);
    assert.equal(record.state, 'promoted', JSON.stringify(record.events));
    assert.equal(record.readings?.values['shadow-disagreement'], 0);
    assert.match(
      record.readings?.evidence['shadow-disagreement'] ?? '',
      /^0 of 30 requests answered differently/,
    );
  });

  it('plans a Deployment and a Service where the cluster serves KServe, when asked', async () => {
    const plan = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...TARGET,
      model_version: '2',
      strategy: 'canary',
      runtime: 'deployment',
    });
    assert.equal(plan.status, 200, plan.text);
    const body = plan.json as DeploymentPlan;
    assert.equal(body.runtime, 'deployment');
    assert.deepEqual(body.runtimes, ['kserve', 'deployment']);
    assert.equal(body.traffic, 'gateway-weights');
    assert.ok(!body.objects.some((o) => o.kind === 'InferenceService'), JSON.stringify(body.objects));
    assert.ok(body.objects.some((o) => o.kind === 'Deployment'));
    // Unless asked, a new version takes the runtime of the one serving now (version 3, as
    // Deployments); asking for the other is refused, since traffic cannot move between them.
    const byDefault = (
      await call('POST', `${DEPLOYMENTS}/plan`, { ...TARGET, model_version: '2', strategy: 'canary' })
    ).json as DeploymentPlan;
    assert.equal(byDefault.runtime, 'deployment');
    const otherRuntime = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...TARGET,
      model_version: '2',
      strategy: 'canary',
      runtime: 'kserve',
    });
    assert.equal(otherRuntime.status, 400);
    assert.match(otherRuntime.text, /version 3 serves as a Deployment \(runtime 'deployment'\)/);
    const shadowOnKserve = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...TARGET,
      model_version: '2',
      strategy: 'shadow',
      runtime: 'kserve',
    });
    assert.equal(shadowOnKserve.status, 400);
    assert.match(shadowOnKserve.text, /a shadow runs as Deployments behind a Gateway API HTTPRoute/);
    const unknown = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...TARGET,
      model_version: '2',
      runtime: 'knative',
    });
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /'runtime' must be kserve or deployment, not 'knative'/);
  });
});
