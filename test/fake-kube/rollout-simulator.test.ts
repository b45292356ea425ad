import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeKube, type FakeKube } from './fake-kube-server.ts';
import { kubectlMissing, startKubectlSession, type KubectlSession } from './kubectl-harness.ts';
import { api } from './raw-api-client.ts';
import { simulateRollouts } from './rollout-simulator.ts';

const deployment = (name: string, image: string): string =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: ml-serving}`,
    'spec:',
    '  replicas: 2',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    `    spec: {containers: [{name: server, image: "${image}"}]}`,
  ].join('\n');

describe('simulated rollouts seen by kubectl rollout status', { skip: kubectlMissing }, () => {
  let session: KubectlSession;
  let stop: () => void;
  before(async () => {
    session = await startKubectlSession();
    stop = simulateRollouts(session.fake, (object) =>
      JSON.stringify(object['spec']).includes(':broken') ? 'deadline-exceeded' : 'ready',
    );
  });
  after(async () => {
    stop();
    await session.close();
  });

  /** Applies the ranker with `image` and answers what `kubectl rollout status` says of it. */
  async function rollout(image: string): ReturnType<KubectlSession['run']> {
    const apply = ['apply', '--server-side', '--field-manager=mlops-lens', '-f', '-'];
    const applied = await session.run(apply, deployment('ranker', image));
    assert.equal(applied.code, 0, applied.stderr);
    return session.run(['rollout', 'status', 'deployment/ranker', '-n', 'ml-serving', '--timeout=20s']);
  }

  it('a healthy new generation rolls out', async () => {
    const status = await rollout('ranker:2');
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /deployment "ranker" successfully rolled out/);
  });

  it('a failing one exceeds its progress deadline', async () => {
    const status = await rollout('ranker:broken');
    assert.notEqual(status.code, 0);
    assert.match(status.stderr, /deployment "ranker" exceeded its progress deadline/);
  });
});

describe('simulated InferenceService canary', () => {
  let fake: FakeKube;
  let stop: () => void;
  before(async () => {
    fake = await startFakeKube();
    stop = simulateRollouts(fake);
  });
  after(async () => {
    stop();
    await fake.close();
  });

  it('splits traffic by canaryTrafficPercent between the new and the previous revision', async () => {
    const path = '/apis/serving.kserve.io/v1beta1/namespaces/ml-serving/inferenceservices/churn-isvc';
    const settled = new Promise<Record<string, unknown>>((resolve) => {
      const unsubscribe = fake.store.subscribe(({ object }) => {
        const status = object['status'] as { observedGeneration?: number } | undefined;
        if (
          object.metadata.name === 'churn-isvc' &&
          (object.metadata.generation ?? 0) > 1 &&
          status?.observedGeneration === object.metadata.generation
        ) {
          unsubscribe();
          resolve(object['status'] as Record<string, unknown>);
        }
      });
    });
    const patched = await api(fake, path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({
        spec: { predictor: { canaryTrafficPercent: 10, model: { storageUri: 's3://models/churn/5' } } },
      }),
    });
    assert.equal(patched.status, 200);
    const status = await settled;
    const traffic = (
      status['components'] as { predictor: { traffic: { percent: number; latestRevision: boolean }[] } }
    ).predictor.traffic;
    assert.deepEqual(
      traffic.map((t) => [t.percent, t.latestRevision]),
      [
        [10, true],
        [90, false],
      ],
    );
  });
});
