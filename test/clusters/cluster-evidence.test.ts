import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  NATIVE_API_PREFIX,
  type ChangeEventData,
  type ClusterFailuresResponse,
  type ClusterStateResponse,
} from '../../daemon/api/contract.ts';
import { sendRequest } from '../daemon/daemon-harness.ts';
import { pod } from '../fake-kube/object-builders.ts';
import { CONTEXT, startClusterDaemon, type ClusterDaemon } from './cluster-daemon.ts';

const MANIFEST = `# serving
apiVersion: v1
kind: Service
metadata:
  name: llm-server
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: llm-server
  namespace: ml-serving
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.6.3
          resources:
            limits: { nvidia.com/gpu: 1 }
`;

describe('failures with evidence', () => {
  let daemon: ClusterDaemon;
  const events: ChangeEventData[] = [];
  let manifestPath = '';
  before(async () => {
    daemon = await startClusterDaemon({ enable: false });
    daemon.feed.subscribe((event) => events.push(event.data));
    const workspace = path.join(daemon.dir, 'workspace');
    mkdirSync(path.join(workspace, 'k8s'), { recursive: true });
    manifestPath = path.join(workspace, 'k8s', 'llm.yaml');
    writeFileSync(manifestPath, MANIFEST);
    const registered = await sendRequest(daemon.port, 'POST', `${NATIVE_API_PREFIX}/workspaces`, {
      body: { folders: [workspace] },
    });
    assert.equal(registered.status, 200, registered.text);
    const enabled = await daemon.call('POST', 'contexts/settings', {
      body: { context: CONTEXT, enabled: true },
    });
    assert.equal(enabled.status, 200, enabled.text);
    await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
  });
  after(async () => daemon.close());

  it('names the manifest and line that declared the OOM-killed workload, with the previous container logs', async () => {
    const body = await daemon.until<ClusterFailuresResponse>('failures', (b) =>
      b.failures.some((f) => f.kind === 'oom_killed'),
    );
    const oom = body.failures.find((f) => f.kind === 'oom_killed');
    assert.deepEqual(oom?.manifest, { path: manifestPath, line: 8 });
    assert.deepEqual(oom?.evidence.log_lines?.slice(-2), [
      'INFO 11-25 18:12:44 worker.py:262] Memory profiling results: total_gpu_memory=79.11GiB initial_memory_usage=15.52GiB peak_torch_memory=16.73GiB',
      'Killed',
    ]);
    assert.ok(
      daemon.fake.requests.some(
        (r) =>
          r.path === '/api/v1/namespaces/ml-serving/pods/llm-server-0/log' &&
          r.query.includes('previous=true'),
      ),
    );
    assert.ok(
      events.some((e) => e.type === 'cluster_failure' && e.kind === 'oom_killed' && e.pod === 'llm-server-0'),
    );
  });

  it('finds a GPU OOM in the logs of a container that exited with an error, secrets masked', async () => {
    const trainer = pod({
      namespace: 'ml-training',
      name: 'finetune-0',
      uid: '00000000-0000-4000-8000-00000000f001',
      labels: {},
      image: 'registry.example.com/ml/finetune:2.0.0',
      container: 'trainer',
      nodeName: 'gpu-h100-0',
      resources: { 'nvidia.com/gpu': '1' },
      createdAt: new Date(),
      restartCount: 1,
    });
    const status = (trainer as unknown as { status: { containerStatuses: Record<string, unknown>[] } })
      .status;
    const container = status.containerStatuses[0] as Record<string, unknown>;
    container.lastState = { terminated: { reason: 'Error', exitCode: 1 } };
    daemon.fake.logs.set(
      'ml-training',
      'finetune-0',
      'trainer',
      ['restarted'],
      [
        `pulling weights with Authorization: Bearer ${daemon.fake.token ?? ''}`,
        'HF_TOKEN=hf_abcdefghijklmnop',
        'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.10 GiB',
      ],
    );
    daemon.fake.put(trainer);
    const body = await daemon.until<ClusterFailuresResponse>('failures', (b) =>
      b.failures.some((f) => f.kind === 'gpu_oom'),
    );
    const gpuOom = body.failures.find((f) => f.kind === 'gpu_oom');
    assert.equal(gpuOom?.pod, 'finetune-0');
    assert.match(gpuOom?.message ?? '', /ran out of GPU memory: torch\.OutOfMemoryError: CUDA out of memory/);
    const evidence = JSON.stringify(gpuOom?.evidence);
    assert.ok(!evidence.includes(daemon.fake.token ?? 'unset'), evidence);
    assert.ok(!evidence.includes('hf_abcdefghijklmnop'), evidence);
    assert.equal(gpuOom?.evidence.exit_code, 1);
  });

  it('keeps one failure per pod container however often it is seen, as stored in SQLite', async () => {
    const before = (await daemon.until<ClusterFailuresResponse>('failures', () => true)).failures;
    daemon.fake.modify('v1', 'Pod', 'ml-serving', 'llm-server-0', (object) => {
      (object.metadata.labels ??= {}).touched = 'yes';
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterTouch = (await daemon.until<ClusterFailuresResponse>('failures', () => true)).failures;
    assert.deepEqual(afterTouch.map((f) => f.id).sort(), before.map((f) => f.id).sort());
    const stored = daemon.store.read(() => daemon.store.clusters.failures(CONTEXT, 100));
    assert.equal(stored.length, afterTouch.length);
  });
});
