import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FAILURES_KEPT, SNAPSHOTS_KEPT } from '../../daemon/store/cluster-records.ts';
import { openTrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from '../daemon/daemon-harness.ts';

describe('cluster records in SQLite', () => {
  const store = openTrackingStore({
    dbPath: path.join(tempDir('mlops-lens-cluster-records-'), 'tracking.db'),
  });

  it('keeps context settings, changing only what is given', () => {
    store.write(() => store.clusters.updateSettings('prod', { enabled: true }));
    store.write(() => store.clusters.updateSettings('prod', { production: true }));
    store.write(() => store.clusters.updateSettings('dev', { production: false }));
    assert.deepEqual(
      store.read(() => store.clusters.settings()),
      [
        { name: 'dev', enabled: false, production: false },
        { name: 'prod', enabled: true, production: true },
      ],
    );
  });

  it('keeps the newest failures and snapshots of each context, and other contexts apart', () => {
    store.write(() => {
      for (let i = 0; i < FAILURES_KEPT + 3; i++) {
        store.clusters.recordFailure({
          id: `f${i}`,
          context: 'prod',
          kind: 'oom_killed',
          namespace: 'ml',
          pod: `p${i}`,
          message: 'OOMKilled',
          first_seen: i,
          last_seen: i,
          evidence: { exit_code: 137 },
        });
      }
      for (let i = 0; i < SNAPSHOTS_KEPT + 2; i++) {
        store.clusters.recordSnapshot({
          context: 'prod',
          time: i,
          state: 'live',
          nodes: 1,
          pods: i,
          gpu: [],
        });
      }
      store.clusters.recordSnapshot({ context: 'dev', time: 0, state: 'stale', nodes: 0, pods: 0, gpu: [] });
    });
    const failures = store.read(() => store.clusters.failures('prod', FAILURES_KEPT + 10));
    assert.equal(failures.length, FAILURES_KEPT);
    assert.equal(failures[0]?.id, `f${FAILURES_KEPT + 2}`);
    assert.equal(failures.at(-1)?.id, 'f3');
    assert.deepEqual(failures[0]?.evidence, { exit_code: 137 });
    assert.equal(
      store.read(() => store.clusters.snapshots('prod', SNAPSHOTS_KEPT + 10)).length,
      SNAPSHOTS_KEPT,
    );
    assert.equal(store.read(() => store.clusters.snapshots('dev', 10)).length, 1);
  });

  it('moves last_seen forward only', () => {
    store.write(() => store.clusters.failureSeenAgain('prod', 'f10', 99_999));
    store.write(() => store.clusters.failureSeenAgain('prod', 'f10', 5));
    const f10 = store.read(() => store.clusters.failures('prod', FAILURES_KEPT)).find((f) => f.id === 'f10');
    assert.equal(f10?.last_seen, 99_999);
    assert.equal(f10?.first_seen, 10);
  });
});
