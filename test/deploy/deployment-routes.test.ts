import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  NATIVE_API_PREFIX,
  type DeploymentPlan,
  type DeploymentRecord,
  type LineageResponse,
  type LiveDeploymentObjectsResponse,
  type RegistryAuditResponse,
} from '../../daemon/api/contract.ts';
import { createDaemonApp } from '../../daemon/http/daemon-app.ts';
import { createLogger } from '../../daemon/log/logger.ts';
import { ArtifactBlobs } from '../../daemon/store/artifact-blobs.ts';
import type { GuardrailReading } from '../../daemon/deploy/guardrails.ts';
import { CONTEXT } from '../clusters/cluster-daemon.ts';
import { sendRequest, TEST_TOKEN } from '../daemon/daemon-harness.ts';
import {
  DEPLOYMENTS,
  NAMESPACE,
  startDeploymentDaemon,
  TARGET,
  type DeploymentDaemon,
} from './deployment-daemon.ts';

describe('deployment routes against the fake API server', () => {
  let scene: DeploymentDaemon;
  const reading: { now: GuardrailReading } = { now: {} };
  const call = (method: string, path: string, body?: unknown) => scene.call(method, path, body);
  const until = (id: string, done: (record: DeploymentRecord) => boolean) => scene.until(id, done);
  const managed = () => scene.managed();

  before(async () => {
    scene = await startDeploymentDaemon({ versions: ['1', '2'], reading: () => reading.now });
  });
  after(async () => {
    await scene.close();
  });

  it('plans with sizing reasoning, the runtime the cluster serves, triggers from the alert table and gates', async () => {
    const reply = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...TARGET,
      model_version: '1',
      strategy: 'canary',
    });
    assert.equal(reply.status, 200, reply.text);
    const plan = reply.json as DeploymentPlan;
    assert.equal(plan.runtime, 'kserve');
    assert.equal(plan.traffic, 'kserve-canary');
    assert.deepEqual(plan.steps, [100], 'nothing serves yet: one step');
    assert.equal(plan.sizing.basis, 'estimate');
    assert.match(plan.sizing.resource, /^nvidia\.com\/(mig-1g\.10gb|gpu\.shared)$/);
    assert.ok(plan.sizing.reasoning.some((line) => line.startsWith('chosen ')));
    assert.deepEqual(
      plan.triggers.map((t) => [t.id, t.threshold]),
      [
        ['error-rate', 0.01],
        ['p99-latency', 200],
        ['drift-psi', 0.25],
        ['shadow-disagreement', 0.05],
      ],
    );
    assert.deepEqual(
      plan.gates.map((g) => [g.id, g.status]),
      [
        ['registry-metadata', 'passed'],
        ['evaluation-metric', 'not-checked'],
        ['production-confirmation', 'passed'],
        ['code-diagnostics', 'not-checked'],
      ],
    );
    assert.equal(plan.objects[0]?.kind, 'InferenceService');
  });

  it('refuses a tag-only image and a bad strategy with the field named', async () => {
    const tagOnly = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...TARGET,
      model_version: '1',
      image: 'registry.example.com/other:latest',
    });
    assert.equal(tagOnly.status, 400);
    assert.match(tagOnly.text, /has no digest/);
    const strategy = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...TARGET,
      model_version: '1',
      strategy: 'yolo',
    });
    assert.equal(strategy.status, 400);
    assert.match(strategy.text, /'strategy' must be one of direct, canary, shadow, blue-green/);
  });

  it('applies, refuses a production context without the typed confirmation, and rolls a failing canary back with nothing left', async () => {
    const first = await call('POST', DEPLOYMENTS, {
      ...TARGET,
      model_version: '1',
    });
    assert.equal(first.status, 200, first.text);
    const v1 = await until(
      (first.json as DeploymentRecord).id,
      (r) => r.state !== 'progressing' && r.state !== 'planned',
    );
    assert.equal(v1.state, 'promoted', JSON.stringify(v1.events));
    assert.deepEqual(await managed(), ['InferenceService/fraud@1']);
    const live = await call(
      'GET',
      `${DEPLOYMENTS}/live?context=${CONTEXT}&namespace=${NAMESPACE}&service=fraud`,
    );
    assert.equal(live.status, 200, live.text);
    const liveObjects = (live.json as LiveDeploymentObjectsResponse).objects;
    assert.deepEqual(
      liveObjects.map(
        (o) => `${o.kind}/${o.metadata.name}@${o.metadata.labels?.['mlops-lens.dev/model-version']}`,
      ),
      ['InferenceService/fraud@1'],
    );
    assert.equal('managedFields' in (liveObjects[0]?.metadata ?? {}), false, 'managed fields left out');
    const nothingLive = await call(
      'GET',
      `${DEPLOYMENTS}/live?context=${CONTEXT}&namespace=${NAMESPACE}&service=other`,
    );
    assert.deepEqual((nothingLive.json as LiveDeploymentObjectsResponse).objects, []);
    const missingField = await call('GET', `${DEPLOYMENTS}/live?context=${CONTEXT}&namespace=${NAMESPACE}`);
    assert.equal(missingField.status, 400);
    assert.match(missingField.text, /service/);

    const marked = await scene.daemon.call('POST', 'contexts/settings', {
      body: { context: CONTEXT, production: true },
    });
    assert.equal(marked.status, 200, marked.text);
    const canary = {
      ...TARGET,
      model_version: '2',
      strategy: 'canary',
    };
    const refused = await call('POST', DEPLOYMENTS, canary);
    assert.equal(refused.status, 400);
    assert.match(
      refused.text,
      /production-confirmation: context fake-gpu-cluster is marked production: type its name/,
    );

    const plan2Triggers = [
      ['error-rate', 0.01],
      ['p99-latency', 200],
      ['drift-psi', 0.25],
      ['shadow-disagreement', 0.05],
    ];
    reading.now = { 'error-rate': 0.2 };
    const second = await call('POST', DEPLOYMENTS, { ...canary, confirm: CONTEXT });
    assert.equal(second.status, 200, second.text);
    const v2 = await until(
      (second.json as DeploymentRecord).id,
      (r) => r.state === 'rolled_back' || r.state === 'failed',
    );
    reading.now = {};
    assert.equal(v2.state, 'rolled_back');
    assert.equal(v2.previous_version, '1');
    assert.match(v2.reason ?? '', /at 5%: error-rate 0.2 is above the rollback threshold 0.01/);
    assert.deepEqual(v2.steps, [5, 25, 50, 100]);
    assert.equal(v2.traffic, 'kserve-canary');
    assert.deepEqual(
      v2.triggers.map((t) => [t.id, t.threshold]),
      plan2Triggers,
    );
    assert.ok(v2.events.some((e) => e.traffic_percent === 5 && e.message.startsWith('applied 5%')));
    assert.deepEqual(await managed(), ['InferenceService/fraud@1']);

    const audit = await call('GET', `${NATIVE_API_PREFIX}/registry/audit?name=fraud`);
    const actions = (audit.json as RegistryAuditResponse).entries
      .filter((e) => e.deployment_id !== undefined)
      .map((e) => `${e.action}:${e.version}`);
    assert.deepEqual(actions, ['deploy:1', 'promote_deployment:1', 'deploy:2', 'roll_back_deployment:2']);
    const lineage = await call('GET', `${NATIVE_API_PREFIX}/lineage?node=model_version:fraud@2&depth=1`);
    assert.equal(lineage.status, 200, lineage.text);
    const graph = lineage.json as LineageResponse;
    const deploymentNode = graph.nodes.find((n) => n.id === `deployment:${v2.id}`);
    assert.equal(deploymentNode?.attributes.state, 'rolled_back');
    assert.ok(
      graph.edges.some(
        (e) => e.type === 'deployed_as' && e.from === 'model_version:fraud@2' && e.to === deploymentNode.id,
      ),
    );
    const list = await call('GET', `${DEPLOYMENTS}?name=fraud`);
    assert.deepEqual(
      (list.json as { deployments: DeploymentRecord[] }).deployments.map((d) => [d.model_version, d.state]),
      [
        ['2', 'rolled_back'],
        ['1', 'promoted'],
      ],
    );
  });

  it('after a restart mid-deployment the deployment reads interrupted, and rolling it back restores the previous version', async () => {
    const canary = {
      ...TARGET,
      model_version: '2',
      strategy: 'canary',
      confirm: CONTEXT,
      dwell_ms: 600_000,
    };
    const started = await call('POST', DEPLOYMENTS, canary);
    assert.equal(started.status, 200, started.text);
    const id = (started.json as DeploymentRecord).id;
    await until(id, (r) => r.events.some((e) => e.message === 'rolled out at 5%'));
    assert.deepEqual(await managed(), ['InferenceService/fraud@2']);

    await scene.daemon.app.close();
    const restarted = await createDaemonApp({
      store: scene.daemon.store,
      blobs: new ArtifactBlobs(join(scene.daemon.dir, 'artifacts')),
      token: TEST_TOKEN,
      logger: createLogger(() => undefined),
      clusters: { kubeconfigFiles: () => [scene.daemon.kubeconfig] },
      deployments: { guardrails: { read: () => Promise.resolve({}) }, pollMs: 20, rolloutTimeoutMs: 5000 },
    });
    await restarted.listen({ host: '127.0.0.1', port: 0 });
    try {
      const port = (restarted.server.address() as AddressInfo).port;
      const status = await sendRequest(port, 'GET', `${DEPLOYMENTS}/${id}`);
      const record = status.json as DeploymentRecord;
      assert.equal(record.state, 'interrupted');
      assert.equal(record.traffic_percent, 5);
      assert.match(record.events.at(-1)?.message ?? '', /stopped watching at 5%: the daemon is stopping/);

      const rolledBack = await sendRequest(port, 'POST', `${DEPLOYMENTS}/${id}/rollback`, { body: {} });
      assert.equal(rolledBack.status, 200, rolledBack.text);
      assert.equal((rolledBack.json as DeploymentRecord).state, 'rolled_back');
      assert.deepEqual(await managed(), ['InferenceService/fraud@1']);
      const again = await sendRequest(port, 'POST', `${DEPLOYMENTS}/${id}/rollback`, { body: {} });
      assert.equal(again.status, 400);
      assert.match(again.text, /already rolled back/);
    } finally {
      await restarted.close();
    }
  });
});
