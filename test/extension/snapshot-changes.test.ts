import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterContextSummary, NodeGpuInventory } from '../../daemon/api/contract.ts';
import type { ClusterSnapshot } from '../../extension/clusters/cluster-snapshot.ts';
import { SnapshotChangeTracker } from '../../extension/clusters/snapshot-changes.ts';

function summary(name: string, state: 'live' | 'stale' = 'live'): ClusterContextSummary {
  return {
    name,
    cluster: name,
    user: 'u',
    current: false,
    enabled: true,
    production: false,
    freshness: { state, resources: [] },
  };
}

function node(name: string, free: number): NodeGpuInventory {
  return {
    node: name,
    ready: true,
    unschedulable: false,
    labels: {},
    resources: [{ resource: 'nvidia.com/gpu', capacity: 4, allocatable: 4, allocated: 4 - free, free }],
    pods: [],
  };
}

function snapshot(...contexts: ClusterSnapshot['contexts']): ClusterSnapshot {
  return { kubeconfig: ['/k'], contexts };
}

describe('SnapshotChangeTracker', () => {
  it('redraws everything first, then nothing when the data is the same', () => {
    const tracker = new SnapshotChangeTracker();
    const first = snapshot(
      { summary: summary('a'), nodes: [node('n1', 2)] },
      { summary: summary('b'), nodes: [] },
    );
    assert.deepEqual(tracker.next(first), { whole: true, contexts: [] });
    const same = snapshot(
      { summary: summary('a'), nodes: [node('n1', 2)] },
      { summary: summary('b'), nodes: [] },
    );
    assert.deepEqual(tracker.next(same), { whole: false, contexts: [] });
  });

  it('names only the contexts whose nodes or freshness changed', () => {
    const tracker = new SnapshotChangeTracker();
    tracker.next(
      snapshot({ summary: summary('a'), nodes: [node('n1', 2)] }, { summary: summary('b'), nodes: [] }),
    );
    assert.deepEqual(
      tracker.next(
        snapshot({ summary: summary('a'), nodes: [node('n1', 1)] }, { summary: summary('b'), nodes: [] }),
      ),
      { whole: false, contexts: ['a'] },
    );
    assert.deepEqual(
      tracker.next(
        snapshot(
          { summary: summary('a'), nodes: [node('n1', 1)] },
          { summary: summary('b', 'stale'), nodes: [] },
        ),
      ),
      { whole: false, contexts: ['b'] },
    );
  });

  it('redraws everything when contexts come, go or move, or after a reset', () => {
    const tracker = new SnapshotChangeTracker();
    const a = { summary: summary('a'), nodes: [] };
    const b = { summary: summary('b'), nodes: [] };
    tracker.next(snapshot(a, b));
    assert.equal(tracker.next(snapshot(b, a)).whole, true);
    assert.equal(tracker.next(snapshot(b)).whole, true);
    assert.equal(tracker.next({ ...snapshot(b), kubeconfigError: 'unreadable' }).whole, true);
    tracker.reset();
    assert.equal(tracker.next({ ...snapshot(b), kubeconfigError: 'unreadable' }).whole, true);
  });
});
