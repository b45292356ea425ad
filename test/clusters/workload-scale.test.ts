/**
 * Scaling down the workload of an idle pod, through the daemon's real HTTP routes against the
 * fake Kubernetes API server: the pod's owner Deployment with its replicas and the manifest that
 * declares it, then `spec.replicas` patched with the product's field manager; kinds that cannot
 * be scaled, unknown pods and bad replicas get clear errors.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { PodWorkloadResponse, ScaleWorkloadResponse } from '../../daemon/api/workload-scale-contract.ts';
import { FIELD_MANAGER } from '../../daemon/deploy/kube-applier.ts';
import { pod } from '../fake-kube/object-builders.ts';
import { sendRequest } from '../daemon/daemon-harness.ts';
import { CONTEXT, startClusterDaemon, type ClusterDaemon } from './cluster-daemon.ts';

const POD = { namespace: 'ml-serving', pod: 'churn-model-7d4b9c6f5-x2x7q' };

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-model
  namespace: ml-serving
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: model
          image: churn:1
          resources:
            limits:
              nvidia.com/gpu: 1
`;

describe('scaling the workload of an idle pod against the fake API server', () => {
  let daemon: ClusterDaemon;
  let manifestPath = '';

  before(async () => {
    daemon = await startClusterDaemon();
    const workspace = path.join(daemon.dir, 'workspace');
    mkdirSync(path.join(workspace, 'k8s'), { recursive: true });
    manifestPath = path.join(workspace, 'k8s', 'churn.yaml');
    writeFileSync(manifestPath, MANIFEST);
    const registered = await sendRequest(daemon.port, 'POST', `${NATIVE_API_PREFIX}/workspaces`, {
      body: { folders: [workspace] },
    });
    assert.equal(registered.status, 200, registered.text);
    await daemon.until<{ freshness: { state: string } }>('nodes', (b) => b.freshness.state === 'live');
  });
  after(() => daemon.close());

  function deployment() {
    const type = daemon.fake.catalog.byKind('apps/v1', 'Deployment');
    assert.ok(type);
    return daemon.fake.store.get(type, 'ml-serving', 'churn-model');
  }

  it("names the pod's owner Deployment, its replicas and the manifest line declaring it", async () => {
    const reply = await daemon.call('GET', 'pod-workload', { query: { context: CONTEXT, ...POD } });
    assert.equal(reply.status, 200, reply.text);
    const body = reply.json as PodWorkloadResponse;
    assert.deepEqual(body.workload, { kind: 'Deployment', namespace: 'ml-serving', name: 'churn-model' });
    const live = deployment()?.['spec'] as { replicas?: number };
    assert.equal(body.replicas, live.replicas ?? 1);
    assert.deepEqual(body.manifest, { path: manifestPath, line: 2 });
  });

  it('patches spec.replicas to 0 with the mlops-lens field manager', async () => {
    const before = (deployment()?.['spec'] as { replicas?: number }).replicas ?? 1;
    const reply = await daemon.call('POST', 'workloads/scale', {
      body: {
        context: CONTEXT,
        kind: 'Deployment',
        namespace: 'ml-serving',
        name: 'churn-model',
        replicas: 0,
      },
    });
    assert.equal(reply.status, 200, reply.text);
    const body = reply.json as ScaleWorkloadResponse;
    assert.equal(body.previous_replicas, before);
    assert.equal(body.replicas, 0);
    const after = deployment();
    assert.equal((after?.['spec'] as { replicas: number }).replicas, 0);
    const managers = (after?.metadata.managedFields ?? []).map((f) => (f as { manager?: string }).manager);
    assert.ok(managers.includes(FIELD_MANAGER), `managers: ${managers.join(', ')}`);
    const patch = daemon.fake.requests.find(
      (r) => r.method === 'PATCH' && r.path.includes('/deployments/churn-model'),
    );
    assert.ok(patch, 'a PATCH of the Deployment reached the API server');
    assert.match(patch.query, new RegExp(`fieldManager=${FIELD_MANAGER}`));
    assert.match(patch.contentType, /merge-patch/);
  });

  it('refuses a kind that cannot be scaled, a pod it does not know and bad replicas', async () => {
    const pod = await daemon.call('POST', 'workloads/scale', {
      body: { context: CONTEXT, kind: 'Pod', namespace: 'ml-serving', name: POD.pod, replicas: 0 },
    });
    assert.equal(pod.status, 400);
    assert.match(pod.text, /only a Deployment or StatefulSet/);
    const negative = await daemon.call('POST', 'workloads/scale', {
      body: {
        context: CONTEXT,
        kind: 'Deployment',
        namespace: 'ml-serving',
        name: 'churn-model',
        replicas: -1,
      },
    });
    assert.equal(negative.status, 400);
    assert.match(negative.text, /non-negative integer/);
    const missing = await daemon.call('POST', 'workloads/scale', {
      body: { context: CONTEXT, kind: 'Deployment', namespace: 'ml-serving', name: 'no-such', replicas: 0 },
    });
    assert.equal(missing.status, 404, missing.text);
    const unknownPod = await daemon.call('GET', 'pod-workload', {
      query: { context: CONTEXT, namespace: 'ml-serving', pod: 'no-such-pod' },
    });
    assert.equal(unknownPod.status, 404);
    assert.match(unknownPod.text, /no pod ml-serving\/no-such-pod/);
  });

  it('answers the workload of a pod whose Deployment is gone, with why its replicas are unknown', async () => {
    daemon.fake.put(
      pod({
        namespace: 'ml-serving',
        name: 'ghost-5c6d7e8f9-abcde',
        uid: '0b7e3f52-2d0e-4b8e-9a77-0d5f4b1c0f01',
        labels: { app: 'ghost', 'pod-template-hash': '5c6d7e8f9' },
        image: 'ghost:1',
        createdAt: new Date(),
        nodeName: 'gpu-h100-0',
        resources: { 'nvidia.com/gpu': '1' },
        owner: {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'ghost-5c6d7e8f9',
          uid: '0b7e3f52-2d0e-4b8e-9a77-0d5f4b1c0f02',
        },
      }),
    );
    const query = { context: CONTEXT, namespace: 'ml-serving', pod: 'ghost-5c6d7e8f9-abcde' };
    const deadline = Date.now() + 15_000;
    let reply = await daemon.call('GET', 'pod-workload', { query });
    while (reply.status === 404 && /no pod/.test(reply.text) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      reply = await daemon.call('GET', 'pod-workload', { query });
    }
    assert.equal(reply.status, 200, reply.text);
    const body = reply.json as PodWorkloadResponse;
    assert.deepEqual(body.workload, { kind: 'Deployment', namespace: 'ml-serving', name: 'ghost' });
    assert.equal(body.replicas, undefined);
    assert.match(body.replicas_error ?? '', /not found/i);
    assert.equal(body.manifest, undefined);
  });
});
