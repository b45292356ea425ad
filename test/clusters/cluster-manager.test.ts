import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChangeEvent } from '../../daemon/api/contract.ts';
import { ClusterManager } from '../../daemon/clusters/cluster-manager.ts';
import { silentLogger } from '../../daemon/log/logger.ts';
import { openTrackingStore, type TrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from '../daemon/daemon-harness.ts';
import { startFakeKube, type FakeKube } from '../fake-kube/fake-kube-server.ts';
import { CONTEXT, FAST_TIMING, writeKubeconfig } from './cluster-daemon.ts';

describe('cluster manager', () => {
  let fake: FakeKube;
  let store: TrackingStore;
  let kubeconfig: string;
  const events: ChangeEvent[] = [];
  const manager = (files: () => string[]): ClusterManager =>
    new ClusterManager({
      store,
      publish: (event) => events.push(event),
      logger: silentLogger,
      kubeconfigFiles: files,
      timing: FAST_TIMING,
      batchWindowMs: 10,
    });

  before(async () => {
    fake = await startFakeKube();
    const dir = tempDir('mlops-lens-cluster-manager-');
    kubeconfig = await writeKubeconfig(dir, fake.url, { token: fake.token });
    store = openTrackingStore({ dbPath: path.join(dir, 'tracking.db') });
  });
  after(async () => {
    store.close();
    await fake.close();
  });

  async function live(clusters: ClusterManager): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (clusters.freshness(CONTEXT).state !== 'live') {
      if (Date.now() > deadline) throw new Error(JSON.stringify(clusters.freshness(CONTEXT)));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('watches again, after a restart, the contexts that were enabled', async () => {
    const first = manager(() => [kubeconfig]);
    first.start();
    await first.updateSettings({ context: CONTEXT, enabled: true, production: true });
    await live(first);
    await first.close();

    const second = manager(() => [kubeconfig]);
    second.start();
    try {
      await live(second);
      assert.equal(second.isProduction(CONTEXT), true);
      assert.deepEqual(second.podWorkload(CONTEXT, 'ml-serving', 'churn-model-7d4b9c6f5-x2x7q'), {
        kind: 'Deployment',
        namespace: 'ml-serving',
        name: 'churn-model',
      });
      assert.equal(second.podWorkload(CONTEXT, 'ml-serving', 'no-such-pod'), undefined);
      assert.equal(
        second.podWorkload('other-context', 'ml-serving', 'churn-model-7d4b9c6f5-x2x7q'),
        undefined,
      );
      await second.updateSettings({ context: CONTEXT, enabled: false });
      assert.equal(second.freshness(CONTEXT).state, 'disabled');
      assert.ok(events.some((e) => e.type === 'cluster_state_changed' && e.state === 'disabled'));
    } finally {
      await second.close();
    }
  });

  it('says why an enabled context cannot be watched when the kubeconfig no longer has it', async () => {
    store.write(() => store.clusters.updateSettings('gone-context', { enabled: true }));
    const clusters = manager(() => [kubeconfig]);
    clusters.start();
    try {
      const freshness = clusters.freshness('gone-context');
      assert.equal(freshness.state, 'error');
      assert.match(freshness.reason ?? '', /has no usable context 'gone-context'/);
    } finally {
      await clusters.close();
    }
  });

  it('reports a kubeconfig it cannot read, and lists no contexts from it', () => {
    const broken = path.join(tempDir('mlops-lens-broken-kubeconfig-'), 'config');
    const clusters = manager(() => [broken]);
    const contexts = clusters.contexts();
    assert.deepEqual(contexts.contexts, []);
    assert.match(contexts.kubeconfig_error ?? '', /ENOENT/);
  });
});
