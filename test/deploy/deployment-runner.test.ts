import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { renderStep } from '../../daemon/deploy/render-manifests.ts';
import { simulateRollouts } from '../fake-kube/rollout-simulator.ts';
import { NAMESPACE, SERVICE, startDeployScene, type DeployScene } from './deploy-scene.ts';

type Live = KubernetesObject & { spec?: Record<string, unknown> };

async function managed(scene: DeployScene): Promise<string[]> {
  const objects = await scene.applier.listManaged(NAMESPACE, SERVICE);
  return objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort();
}

async function live(
  scene: DeployScene,
  apiVersion: string,
  kind: string,
  name: string,
): Promise<Live | undefined> {
  return await scene.applier.read({ apiVersion, kind, metadata: { name, namespace: NAMESPACE } });
}

describe('deployment runner against the fake API server (Deployment + Service, replica ratio)', () => {
  let scene: DeployScene;
  let stopRollouts: () => void;
  let failingVersion: string | undefined;

  before(async () => {
    scene = await startDeployScene('plain');
    stopRollouts = simulateRollouts(scene.fake, (object) =>
      object.metadata.labels?.['mlops-lens.dev/model-version'] === failingVersion
        ? 'deadline-exceeded'
        : 'ready',
    );
  });
  after(async () => {
    stopRollouts();
    await scene.close();
  });

  it('a dry run persists nothing', async () => {
    const objects = renderStep({
      ...scene.base('1', undefined, 'direct'),
      percent: 100,
    });
    await scene.applier.dryRun(objects);
    assert.deepEqual(await managed(scene), []);
    assert.ok(scene.fake.requests.some((r) => r.method === 'PATCH' && r.query.includes('dryRun=All')));
  });

  it('applies version 1 directly with the field manager mlops-lens and waits for its rollout', async () => {
    const outcome = await scene.deploy('1', undefined, 'direct');
    assert.deepEqual(outcome, { state: 'promoted', percent: 100 });
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v1', 'Service/fraud']);
    const deployment = await live(scene, 'apps/v1', 'Deployment', 'fraud-v1');
    const managers = (deployment?.metadata?.managedFields ?? []).map((m) => m.manager);
    assert.ok(managers.includes('mlops-lens'), String(managers));
    assert.ok(scene.progress.some((p) => p.message.startsWith('rolled out at 100%')));
  });

  it('rolls a canary back when the error-rate trigger fires and leaves nothing of it behind', async () => {
    scene.progress.length = 0;
    scene.reading = { 'error-rate': 0.05 };
    const outcome = await scene.deploy('2', '1', 'canary');
    scene.reading = {};
    assert.equal(outcome.state, 'rolled_back');
    assert.match(
      outcome.state === 'rolled_back' ? outcome.reason : '',
      /at 5%: error-rate 0.05 is above the rollback threshold 0.01/,
    );
    assert.ok(scene.progress.some((p) => p.percent === 5 && p.message.startsWith('applied 5%')));
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v1', 'Service/fraud']);
    const v1 = await live(scene, 'apps/v1', 'Deployment', 'fraud-v1');
    assert.equal(v1?.spec?.replicas, 2);
    const svc = await live(scene, 'v1', 'Service', 'fraud');
    assert.deepEqual(svc?.spec?.selector, {
      'app.kubernetes.io/name': 'fraud',
      'mlops-lens.dev/model-version': '1',
    });
    assert.equal(scene.progress.at(-1)?.state, 'rolled_back');
  });

  it('rolls back when the new version never becomes ready (progress deadline exceeded)', async () => {
    failingVersion = '3';
    const outcome = await scene.deploy('3', '1', 'canary');
    failingVersion = undefined;
    assert.equal(outcome.state, 'rolled_back');
    assert.match(
      outcome.state === 'rolled_back' ? outcome.reason : '',
      /fraud-v3 failed to roll out: .*timed out/,
    );
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v1', 'Service/fraud']);
  });

  it('promotes a healthy canary through 5, 25, 50 and 100% and removes the previous version', async () => {
    scene.progress.length = 0;
    const outcome = await scene.deploy('4', '1', 'canary');
    assert.deepEqual(outcome, { state: 'promoted', percent: 100 });
    const applied = scene.progress.filter((p) => p.message.startsWith('applied')).map((p) => p.percent);
    assert.deepEqual(applied, [5, 25, 50, 100]);
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v4', 'Service/fraud']);
  });

  it('reports a conflict with another field manager and changes nothing', async () => {
    const objects = renderStep({
      ...scene.base('4', undefined, 'direct'),
      percent: 100,
    });
    const deployment = structuredClone(objects[0]!);
    deployment.spec = { ...(deployment.spec as object), replicas: 7 };
    const other = await fetch(
      `${scene.fake.url}/apis/apps/v1/namespaces/${NAMESPACE}/deployments/fraud-v4?fieldManager=helm&force=true`,
      {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${scene.fake.token}`,
          'Content-Type': 'application/apply-patch+yaml',
        },
        body: JSON.stringify(deployment),
      },
    );
    assert.equal(other.status, 200, await other.text());
    scene.progress.length = 0;
    const outcome = await scene.deploy('4', undefined, 'direct');
    assert.equal(outcome.state, 'failed');
    const reason = outcome.state === 'failed' ? outcome.reason : '';
    assert.match(reason, /409 Apply failed with 1 conflict: conflict with "helm".*\.spec\.replicas/s);
    assert.match(reason, /nothing was forced/);
    assert.equal((await live(scene, 'apps/v1', 'Deployment', 'fraud-v4'))?.spec?.replicas, 7);
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v4', 'Service/fraud']);
    const forced = await scene.deploy('4', undefined, 'direct', { force: true });
    assert.equal(forced.state, 'promoted');
    assert.equal((await live(scene, 'apps/v1', 'Deployment', 'fraud-v4'))?.spec?.replicas, 2);
  });

  it('reports an RBAC denial (403) and changes nothing', async () => {
    scene.fake.access.deny({ verb: 'patch', resource: 'deployments', namespace: NAMESPACE });
    const outcome = await scene.deploy('5', '4', 'canary');
    assert.equal(outcome.state, 'failed');
    const reason = outcome.state === 'failed' ? outcome.reason : '';
    assert.match(reason, /dry run of Deployment ml-serving\/fraud-v5: 403 .*forbidden.*RBAC denies/is);
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v4', 'Service/fraud']);
  });
});

describe('deployment runner against the fake API server (KServe canaryTrafficPercent)', () => {
  let scene: DeployScene;
  let stopRollouts: () => void;

  before(async () => {
    scene = await startDeployScene('kserve');
    stopRollouts = simulateRollouts(scene.fake, (object) =>
      object.metadata.labels?.['mlops-lens.dev/model-version'] === '2' ? 'deadline-exceeded' : 'ready',
    );
  });
  after(async () => {
    stopRollouts();
    await scene.close();
  });

  it('rolls back a failing canary revision to the previous version with no canary traffic left', async () => {
    assert.equal((await scene.deploy('1', undefined, 'direct')).state, 'promoted');
    const outcome = await scene.deploy('2', '1', 'canary');
    assert.equal(outcome.state, 'rolled_back');
    assert.match(
      outcome.state === 'rolled_back' ? outcome.reason : '',
      /InferenceService ml-serving\/fraud failed to roll out: .*OOMKilled/,
    );
    assert.deepEqual(await managed(scene), ['InferenceService/fraud']);
    const isvc = await live(scene, 'serving.kserve.io/v1beta1', 'InferenceService', 'fraud');
    const predictor = isvc?.spec?.predictor as Record<string, unknown>;
    assert.equal(predictor.canaryTrafficPercent, undefined);
    assert.equal(isvc?.metadata?.labels?.['mlops-lens.dev/model-version'], '1');
    const container = (predictor.containers as { image: string }[])[0];
    assert.match(container?.image ?? '', /@sha256:0+1$/);
  });
});

describe('deployment runner against the fake API server (Gateway API HTTPRoute)', () => {
  let scene: DeployScene;
  let stopRollouts: () => void;

  before(async () => {
    scene = await startDeployScene('gateway');
    stopRollouts = simulateRollouts(scene.fake);
  });
  after(async () => {
    stopRollouts();
    await scene.close();
  });

  it('shadows a version behind RequestMirror and rolls it back when the shadow disagrees', async () => {
    assert.equal((await scene.deploy('1', undefined, 'direct')).state, 'promoted');
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v1', 'HTTPRoute/fraud', 'Service/fraud-v1']);

    assert.deepEqual(await scene.deploy('2', '1', 'shadow'), { state: 'promoted', percent: 0 });
    const route = await live(scene, 'gateway.networking.k8s.io/v1', 'HTTPRoute', 'fraud');
    assert.deepEqual(route?.spec?.rules, [
      {
        backendRefs: [{ name: 'fraud-v1', port: 80, weight: 100 }],
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'fraud-v2', port: 80 } } }],
      },
    ]);

    scene.reading = { 'shadow-disagreement': 0.2 };
    const outcome = await scene.deploy('2', '1', 'shadow');
    scene.reading = {};
    assert.equal(outcome.state, 'rolled_back');
    assert.match(
      outcome.state === 'rolled_back' ? outcome.reason : '',
      /shadow-disagreement 0.2 is above the rollback threshold 0.05/,
    );
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v1', 'HTTPRoute/fraud', 'Service/fraud-v1']);
    const restored = await live(scene, 'gateway.networking.k8s.io/v1', 'HTTPRoute', 'fraud');
    assert.deepEqual(restored?.spec?.rules, [{ backendRefs: [{ name: 'fraud-v1', port: 80, weight: 100 }] }]);
  });

  it('blue-green brings the new version up with no traffic, then switches all of it', async () => {
    scene.progress.length = 0;
    assert.deepEqual(await scene.deploy('3', '1', 'blue-green'), { state: 'promoted', percent: 100 });
    assert.deepEqual(
      scene.progress.filter((p) => p.message.startsWith('applied')).map((p) => p.percent),
      [0, 100],
    );
    assert.deepEqual(await managed(scene), ['Deployment/fraud-v3', 'HTTPRoute/fraud', 'Service/fraud-v3']);
  });
});
