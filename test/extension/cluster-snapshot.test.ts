/**
 * What the Clusters view and the language server's cluster context read from the daemon, over
 * real HTTP, with the daemon watching the fake Kubernetes API server's seeded GPU cluster: the
 * inventory, the freshness line ("stale since …" once the API server is gone), the live cluster
 * context (none while stale), and a failure's evidence with its log lines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterFailuresResponse, ClusterStateResponse } from '../../daemon/api/contract.ts';
import { failureEvidence } from '../../extension/alerts/evidence-document.ts';
import {
  CLUSTERS_ROUTE,
  freshnessText,
  loadClusterSnapshot,
  type DaemonRequest,
} from '../../extension/clusters/cluster-snapshot.ts';
import { liveClusterContext, loadLiveClusterContext } from '../../extension/clusters/live-cluster-context.ts';
import { CONTEXT, startClusterDaemon, type ClusterDaemon } from '../clusters/cluster-daemon.ts';
import { TEST_TOKEN } from '../daemon/daemon-harness.ts';

function requester(port: number): DaemonRequest {
  return async <T>(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, {
      method,
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as T & { message?: string };
    if (!response.ok) throw new Error(payload.message ?? `HTTP ${response.status}`);
    return payload;
  };
}

describe('the Clusters view and cluster context, read from a daemon watching a fake cluster', () => {
  let daemon: ClusterDaemon;
  let request: DaemonRequest;

  before(async () => {
    daemon = await startClusterDaemon();
    request = requester(daemon.port);
    await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
  });

  after(async () => {
    await daemon.close();
  });

  it('lists the context with its nodes, GPU resources and the pods on them', async () => {
    const snapshot = await loadClusterSnapshot(request);
    const context = snapshot.contexts.find((c) => c.summary.name === CONTEXT);
    assert.ok(context, JSON.stringify(snapshot));
    assert.equal(freshnessText(context.summary.freshness), 'live');
    const h100 = context.nodes.find((n) => n.node === 'gpu-h100-0');
    assert.ok(h100);
    const resources = h100.resources.map((r) => r.resource);
    assert.ok(resources.includes('nvidia.com/mig-1g.10gb'), resources.join());
    assert.ok(resources.includes('nvidia.com/mig-3g.40gb'), resources.join());
    assert.ok(
      h100.pods.some((p) => p.namespace === 'ml-serving' && p.name.startsWith('churn-model')),
      JSON.stringify(h100.pods),
    );
    // Idle GPUs are read with the same refresh; without Prometheus the snapshot says why not.
    assert.equal(context.idle, undefined);
    assert.match(context.idleUnknown ?? '', /No Prometheus is set for context 'fake-gpu-cluster'/);
  });

  it('builds the live cluster context the language server gets', async () => {
    const snapshot = await loadClusterSnapshot(request);
    const live = await loadLiveClusterContext(request, snapshot, undefined);
    assert.ok(live);
    assert.equal(live.name, CONTEXT);
    assert.equal(live.migStrategy, 'mixed');
    assert.deepEqual(live.migProfiles, ['1g.10gb', '3g.40gb']);
    assert.ok(live.gpuProducts.includes('NVIDIA-H100-80GB-HBM3'), live.gpuProducts.join());
    // 14 slices of 1g.10gb, some held by the churn-model pods.
    const free = live.freeMigSlices['1g.10gb'] ?? -1;
    assert.ok(free >= 0 && free < 14, JSON.stringify(live.freeMigSlices));
    assert.deepEqual(live.timeSlicing, { replicas: 4, renamed: true });
    // No Prometheus configured: nothing is said about memory.
    assert.deepEqual(live.peakGpuMemoryMiB, {});
    // A context named in the setting that is not watched gives none.
    assert.equal(await loadLiveClusterContext(request, snapshot, 'elsewhere'), null);
  });

  it('keys the observed peaks by namespace/name and keeps the highest', () => {
    const workload = { kind: 'Deployment', resolved_by: 'cluster' as const, pods: [] };
    const live = liveClusterContext(
      'c',
      [],
      [],
      [
        { ...workload, namespace: 'ml', name: 'api', peak_fb_used_mib: 5000 },
        { ...workload, namespace: 'ml', name: 'api', peak_fb_used_mib: 7000 },
      ],
    );
    assert.deepEqual(live.peakGpuMemoryMiB, { 'ml/api': 7000 });
  });

  it('shows the evidence of the OOM-killed pod with its last log lines', async () => {
    const failures = await daemon.until<ClusterFailuresResponse>('failures', (f) =>
      f.failures.some((x) => x.pod === 'llm-server-0' && (x.evidence.log_lines?.length ?? 0) > 0),
    );
    const failure = failures.failures.find((x) => x.pod === 'llm-server-0');
    assert.ok(failure);
    const text = failureEvidence(failure);
    assert.match(text, /^# \w+ on fake-gpu-cluster: ml-serving\/llm-server-0/);
    assert.ok(
      (failure.evidence.log_lines ?? []).every((line) => text.includes(line)),
      'every log line is in the evidence',
    );
  });

  it('says "stale since <time> (<reason>)" once the API server is gone, and sends no cluster context', async () => {
    await daemon.fake.disappear();
    try {
      await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'stale');
      const snapshot = await loadClusterSnapshot(request);
      const context = snapshot.contexts.find((c) => c.summary.name === CONTEXT);
      assert.ok(context);
      assert.match(freshnessText(context.summary.freshness), /^stale since \d\d:\d\d:\d\d \(.+\)$/);
      assert.ok(context.nodes.length > 0, 'the last inventory is still there, marked stale');
      assert.equal(await loadLiveClusterContext(request, snapshot, undefined), null);
    } finally {
      await daemon.fake.reappear();
    }
  });

  it('marks a context production and stops watching it through the settings route', async () => {
    await request('POST', `${CLUSTERS_ROUTE}/contexts/settings`, { context: CONTEXT, production: true });
    let snapshot = await loadClusterSnapshot(request);
    assert.equal(snapshot.contexts[0]?.summary.production, true);
    await request('POST', `${CLUSTERS_ROUTE}/contexts/settings`, { context: CONTEXT, enabled: false });
    snapshot = await loadClusterSnapshot(request);
    assert.equal(freshnessText(snapshot.contexts[0]!.summary.freshness), 'not watched');
    assert.deepEqual(snapshot.contexts[0]?.nodes, []);
  });
});
