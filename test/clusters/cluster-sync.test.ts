import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ChangeEventData,
  ClusterContextsResponse,
  ClusterFailuresResponse,
  ClusterNodesResponse,
  ClusterSlicesResponse,
  ClusterStateResponse,
  ClusterWorkloadsResponse,
} from '../../daemon/api/contract.ts';
import { CONTEXT, startClusterDaemon, type ClusterDaemon } from './cluster-daemon.ts';

describe('cluster watcher: initial sync and watch events over real HTTP', () => {
  let daemon: ClusterDaemon;
  const events: ChangeEventData[] = [];
  before(async () => {
    daemon = await startClusterDaemon({ enable: false, snapshotIntervalMs: 200 });
    daemon.feed.subscribe((event) => events.push(event.data));
  });
  after(async () => daemon.close());

  it('lists the kubeconfig contexts, none watched until enabled', async () => {
    const reply = await daemon.call('GET', 'contexts');
    const body = reply.json as ClusterContextsResponse;
    assert.deepEqual(body.kubeconfig, [daemon.kubeconfig]);
    assert.equal(body.contexts.length, 1);
    assert.deepEqual(
      { ...body.contexts[0], server: undefined },
      {
        name: CONTEXT,
        cluster: CONTEXT,
        user: 'tester',
        server: undefined,
        current: true,
        enabled: false,
        production: false,
        freshness: { state: 'disabled', resources: [] },
      },
    );
    const nodes = await daemon.call('GET', 'nodes', { query: { context: CONTEXT } });
    assert.equal(nodes.status, 400);
    assert.match(nodes.text, /not watched; enable it/);
  });

  it('refuses settings for a context the kubeconfig does not have', async () => {
    const reply = await daemon.call('POST', 'contexts/settings', {
      body: { context: 'nope', enabled: true },
    });
    assert.equal(reply.status, 400);
    assert.match(reply.text, /no context 'nope'/);
  });

  it('syncs nodes, pods and the rest once enabled, and says it is live', async () => {
    const enabled = await daemon.call('POST', 'contexts/settings', {
      body: { context: CONTEXT, enabled: true, production: true },
    });
    assert.equal(enabled.status, 200, enabled.text);
    const state = await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
    assert.equal(state.production, true);
    const resources = state.freshness.resources.map((r) => r.resource).sort();
    for (const expected of [
      'deployments.apps',
      'events',
      'jobs.batch',
      'nodes',
      'pods',
      'statefulsets.apps',
    ]) {
      assert.ok(resources.includes(expected), `${expected} in ${resources.join(', ')}`);
    }
    assert.ok(resources.includes('inferenceservices.serving.kserve.io'), 'the KServe CRD is discovered');
    assert.ok(state.freshness.last_sync_time !== undefined);
    // The seed has more pods than one page of 3: the list was paginated.
    assert.ok(daemon.fake.requests.some((r) => r.path === '/api/v1/pods' && r.query.includes('continue=')));
    // Then it watches from the list's resourceVersion, with bookmarks.
    await daemon.until<ClusterStateResponse>('state', () =>
      daemon.fake.requests.some(
        (r) =>
          r.path === '/api/v1/pods' &&
          r.query.includes('watch=1') &&
          /resourceVersion=\d+/.test(r.query) &&
          r.query.includes('allowWatchBookmarks=true'),
      ),
    );
    assert.ok(events.some((e) => e.type === 'cluster_state_changed' && e.state === 'live'));
  });

  it('reports the GPU inventory and free slices of the seeded nodes', async () => {
    const { nodes } = (await daemon.call('GET', 'nodes', { query: { context: CONTEXT } }))
      .json as ClusterNodesResponse;
    const h100 = nodes.find((n) => n.node === 'gpu-h100-0');
    assert.ok(h100, JSON.stringify(nodes.map((n) => n.node)));
    assert.equal(h100.labels.product, 'NVIDIA-H100-80GB-HBM3');
    assert.equal(h100.labels.mig_strategy, 'mixed');
    const mig = h100.resources.find((r) => r.resource === 'nvidia.com/mig-1g.10gb');
    assert.deepEqual(mig, {
      resource: 'nvidia.com/mig-1g.10gb',
      capacity: 14,
      allocatable: 14,
      allocated: 2,
      free: 12,
    });
    assert.ok(!nodes.some((n) => n.node === 'cpu-0'));
    const { slices } = (await daemon.call('GET', 'slices', { query: { context: CONTEXT } }))
      .json as ClusterSlicesResponse;
    assert.equal(slices.find((s) => s.profile === '1g.10gb')?.free, 12);
    assert.equal(slices.find((s) => s.profile === 'gpu.shared')?.allocatable, 32);
  });

  it('sums GPU units per workload, with an empty hook for the observed peak memory', async () => {
    const { workloads } = (
      await daemon.call('GET', 'workloads', { query: { context: CONTEXT, namespace: 'ml-serving' } })
    ).json as ClusterWorkloadsResponse;
    const churn = workloads.find((w) => w.workload.name === 'churn-model');
    assert.deepEqual(churn?.workload, { kind: 'Deployment', namespace: 'ml-serving', name: 'churn-model' });
    assert.deepEqual(churn?.resources, { 'nvidia.com/mig-1g.10gb': 2 });
    assert.equal(churn?.peak_gpu_memory_mib, undefined);
  });

  it('updates the cache from watch events and tells the event stream', async () => {
    const before = events.length;
    daemon.fake.modify('v1', 'Node', undefined, 'gpu-h100-0', (node) => {
      const status = (node as unknown as { status: { allocatable: Record<string, string> } }).status;
      status.allocatable['nvidia.com/mig-1g.10gb'] = '7';
    });
    await daemon.until<ClusterNodesResponse>('nodes', (body) =>
      body.nodes.some((n) => n.node === 'gpu-h100-0' && n.resources.some((r) => r.allocatable === 7)),
    );
    const deadline = Date.now() + 5000;
    while (
      !events
        .slice(before)
        .some((e) => e.type === 'cluster_objects_changed' && e.keys.includes('nodes/gpu-h100-0')) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(
      events
        .slice(before)
        .some((e) => e.type === 'cluster_objects_changed' && e.keys.includes('nodes/gpu-h100-0')),
      JSON.stringify(events.slice(before)),
    );
  });

  it('finds the seeded failures with their evidence', async () => {
    const body = await daemon.until<ClusterFailuresResponse>('failures', (b) =>
      ['oom_killed', 'crash_loop', 'insufficient_gpu', 'xid'].every((kind) =>
        b.failures.some((f) => f.kind === kind),
      ),
    );
    const oom = body.failures.find((f) => f.kind === 'oom_killed');
    assert.equal(oom?.pod, 'llm-server-0');
    assert.deepEqual(oom?.workload, { kind: 'StatefulSet', namespace: 'ml-serving', name: 'llm-server' });
    assert.equal(oom?.evidence.log_previous, true);
    assert.ok(oom?.evidence.log_lines?.includes('Killed'), JSON.stringify(oom?.evidence));
    const xid = body.failures.find((f) => f.kind === 'xid');
    assert.equal(xid?.node, 'gpu-h100-0');
    assert.match(xid?.message ?? '', /Xid/);
    const pending = body.failures.find((f) => f.kind === 'insufficient_gpu');
    assert.equal(pending?.pod, 'train-resnet-8xk2w');
  });

  it('records compact snapshots of the watched context in SQLite', async () => {
    const deadline = Date.now() + 10_000;
    let snapshots = daemon.store.read(() => daemon.store.clusters.snapshots(CONTEXT, 10));
    while (!snapshots.some((s) => s.state === 'live' && s.pods > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      snapshots = daemon.store.read(() => daemon.store.clusters.snapshots(CONTEXT, 10));
    }
    const live = snapshots.find((s) => s.state === 'live' && s.pods > 0);
    assert.ok(live, JSON.stringify(snapshots));
    assert.equal(live.nodes, 3);
    assert.ok(live.gpu.some((slice) => slice.profile === '1g.10gb'));
  });
});
