import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ChangeEventData,
  ClusterNodesResponse,
  ClusterStateResponse,
} from '../../daemon/api/contract.ts';
import { startClusterDaemon, type ClusterDaemon } from './cluster-daemon.ts';

/**
 * The faults an API server throws at a watch. After each, a change made on the server must
 * still reach the daemon's cache: the watch did not stop.
 */
describe('cluster watcher under faults', () => {
  let daemon: ClusterDaemon;
  let allocatable = 4;
  before(async () => {
    daemon = await startClusterDaemon();
    await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
  });
  after(async () => daemon.close());

  const nodeLists = (): number =>
    daemon.fake.requests.filter((r) => r.path === '/api/v1/nodes' && !r.query.includes('watch=1')).length;

  /** Changes a node on the server and waits until the daemon's inventory shows it. */
  async function changeReachesDaemon(): Promise<void> {
    allocatable += 1;
    const value = allocatable;
    daemon.fake.modify('v1', 'Node', undefined, 'gpu-h100-0', (node) => {
      const status = (node as unknown as { status: { allocatable: Record<string, string> } }).status;
      status.allocatable['nvidia.com/mig-3g.40gb'] = String(value);
    });
    await daemon.until<ClusterNodesResponse>('nodes', (body) =>
      body.nodes.some(
        (n) =>
          n.node === 'gpu-h100-0' &&
          n.resources.some((r) => r.resource === 'nvidia.com/mig-3g.40gb' && r.allocatable === value),
      ),
    );
  }

  it('follows changes after the watch is dropped', async () => {
    await changeReachesDaemon();
    const state = await daemon.until<ClusterStateResponse>(
      'state',
      (s) => daemon.fake.faults.watches.size === s.freshness.resources.length,
    );
    const dropped = daemon.fake.faults.dropWatches();
    assert.equal(dropped, state.freshness.resources.length, 'one watch per resource was open');
    await changeReachesDaemon();
  });

  it('lists again after 410 Gone', async () => {
    const lists = nodeLists();
    daemon.fake.store.compact();
    daemon.fake.faults.expireNextWatches = 20;
    daemon.fake.faults.dropWatches();
    await daemon.until<ClusterStateResponse>('state', () => nodeLists() > lists);
    daemon.fake.faults.expireNextWatches = 0;
    await changeReachesDaemon();
    assert.ok(daemon.logLines.some((l) => l.includes('"kind":"gone"')));
  });

  it('abandons a silent watch after the deadline, lists again, and goes on', async () => {
    const lists = nodeLists();
    const states: ChangeEventData[] = [];
    const unsubscribe = daemon.feed.subscribe((event) => {
      if (event.data.type === 'cluster_state_changed') states.push(event.data);
    });
    daemon.fake.faults.silentWatches = true;
    await daemon.until<ClusterStateResponse>('state', () =>
      states.some(
        (e) =>
          e.type === 'cluster_state_changed' &&
          e.state === 'stale' &&
          /no watch event or bookmark/.test(e.reason ?? ''),
      ),
    );
    unsubscribe();
    const stale = states.find((e) => e.type === 'cluster_state_changed' && e.state === 'stale');
    assert.ok(stale?.type === 'cluster_state_changed' && stale.stale_since !== undefined);
    daemon.fake.faults.silentWatches = false;
    await daemon.until<ClusterStateResponse>(
      'state',
      (s) => s.freshness.state === 'live' && nodeLists() > lists,
    );
    await changeReachesDaemon();
  });

  it('survives garbage in the stream', async () => {
    const streams = daemon.fake.faults.sendGarbage();
    assert.ok(streams > 0);
    await daemon.until<ClusterStateResponse>('state', () =>
      daemon.logLines.some((l) => l.includes('"kind":"malformed"')),
    );
    await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
    await changeReachesDaemon();
  });

  it('says "stale since" while the server is gone, keeps the last data, and is live again when it is back', async () => {
    const before = Date.now();
    await daemon.fake.disappear();
    const stale = await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'stale');
    assert.ok((stale.freshness.stale_since ?? 0) >= before - 1000, JSON.stringify(stale.freshness));
    assert.ok(stale.freshness.reason, 'a reason is given');
    const nodes = (await daemon.call('GET', 'nodes', { query: { context: 'fake-gpu-cluster' } }))
      .json as ClusterNodesResponse;
    assert.equal(nodes.freshness.state, 'stale', 'old data is not passed off as current');
    assert.ok(
      nodes.nodes.some((n) => n.node === 'gpu-h100-0'),
      'the last known inventory is still shown',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const still = (await daemon.call('GET', 'state', { query: { context: 'fake-gpu-cluster' } }))
      .json as ClusterStateResponse;
    assert.equal(still.freshness.state, 'stale');
    assert.equal(
      still.freshness.stale_since,
      stale.freshness.stale_since,
      'stale since the first failure, not the last retry',
    );
    await daemon.fake.reappear();
    const live = await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
    assert.equal(live.freshness.stale_since, undefined);
    await changeReachesDaemon();
  });
});
