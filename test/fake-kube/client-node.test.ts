import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, KubeConfig, makeInformer, Watch, type V1Pod } from '@kubernetes/client-node';
import { startFakeKube, type FakeKube } from './fake-kube-server.ts';
import { writeKubeconfig } from './kubeconfig.ts';

interface Seen {
  type: string;
  object: {
    kind?: string;
    code?: number;
    reason?: string;
    metadata?: { name?: string; resourceVersion?: string };
  };
}

/** Collects watch events and resolves waiters as soon as a matching one arrives. */
class EventLog {
  readonly events: Seen[] = [];
  private waiters: { match: (e: Seen) => boolean; resolve: (e: Seen) => void }[] = [];

  push = (type: string, object: Seen['object']): void => {
    const event = { type, object };
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => (w.match(event) ? (w.resolve(event), false) : true));
  };

  next(match: (e: Seen) => boolean): Promise<Seen> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

for (const tls of [false, true]) {
  describe(`@kubernetes/client-node against the fake cluster over ${tls ? 'HTTPS' : 'plain HTTP'}`, () => {
    let fake: FakeKube;
    let folder: string;
    let config: KubeConfig;
    before(async () => {
      fake = await startFakeKube({ tls, bookmarkIntervalMs: 100 });
      folder = await mkdtemp(join(tmpdir(), 'fake-kube-client-'));
      config = new KubeConfig();
      config.loadFromFile(await writeKubeconfig(folder, fake));
    });
    after(async () => {
      await fake.close();
      await rm(folder, { recursive: true, force: true });
    });

    it('lists in pages with the bearer token, and a wrong token gets 401', async () => {
      const core = config.makeApiClient(CoreV1Api);
      const first = await core.listPodForAllNamespaces({ limit: 3 });
      assert.equal(first.items.length, 3);
      assert.match(first.metadata?.resourceVersion ?? '', /^\d+$/);
      assert.ok(first.metadata?._continue);
      const second = await core.listPodForAllNamespaces({ limit: 3, _continue: first.metadata._continue });
      assert.deepEqual(
        [...first.items, ...second.items].map((p) => p.metadata?.name),
        ['churn-model-7d4b9c6f5-k9p4m', 'churn-model-7d4b9c6f5-x2x7q', 'llm-server-0', 'train-resnet-8xk2w'],
      );
      const oom = first.items.find((p) => p.metadata?.name === 'llm-server-0');
      assert.equal(oom?.status?.containerStatuses?.[0]?.lastState?.terminated?.reason, 'OOMKilled');

      const wrong = new KubeConfig();
      const wrongToken = { url: fake.url, token: 'wrong', caCertificate: fake.caCertificate };
      wrong.loadFromFile(await writeKubeconfig(folder, wrongToken, 'fake-gpu-cluster', 'wrong-token'));
      await assert.rejects(wrong.makeApiClient(CoreV1Api).listNode(), (error: { code?: number }) => {
        assert.equal(error.code, 401);
        return true;
      });
    });

    it('watches from the list resourceVersion: MODIFIED, then bookmarks past it', async () => {
      const core = config.makeApiClient(CoreV1Api);
      const list = await core.listPodForAllNamespaces();
      const log = new EventLog();
      const controller = await new Watch(config).watch(
        '/api/v1/pods',
        { allowWatchBookmarks: true, resourceVersion: list.metadata?.resourceVersion },
        log.push,
        () => undefined,
      );
      try {
        const changed = fake.modify('v1', 'Pod', 'ml-serving', 'llm-server-0', (pod) => {
          pod.metadata.labels = { ...pod.metadata.labels, triaged: 'true' };
        });
        const modified = await log.next((e) => e.type === 'MODIFIED');
        assert.equal(modified.object.metadata?.name, 'llm-server-0');
        assert.equal(modified.object.metadata?.resourceVersion, changed.metadata.resourceVersion);
        const bookmark = await log.next((e) => e.type === 'BOOKMARK');
        assert.equal(bookmark.object.kind, 'Pod');
        assert.ok(
          Number(bookmark.object.metadata?.resourceVersion) >= Number(changed.metadata.resourceVersion),
        );
        assert.equal(
          log.events.filter((e) => e.type === 'ADDED').length,
          0,
          'no replay of what the list returned',
        );
      } finally {
        controller.abort();
      }
    });

    it('a resourceVersion older than the retained history gets an ERROR event with a 410 Expired Status', async () => {
      const core = config.makeApiClient(CoreV1Api);
      const list = await core.listPodForAllNamespaces();
      fake.modify('v1', 'Pod', 'ml-serving', 'llm-server-0', (pod) => {
        pod.metadata.labels = { ...pod.metadata.labels, step: 'compacted' };
      });
      fake.store.compact();
      const log = new EventLog();
      let ended: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (ended = resolve));
      await new Watch(config).watch(
        '/api/v1/pods',
        { allowWatchBookmarks: true, resourceVersion: list.metadata?.resourceVersion },
        log.push,
        () => ended(),
      );
      const error = await log.next((e) => e.type === 'ERROR');
      assert.equal(error.object.kind, 'Status');
      assert.equal(error.object.code, 410);
      assert.equal(error.object.reason, 'Expired');
      await done;
      await assert.rejects(
        core.listPodForAllNamespaces({
          resourceVersion: list.metadata?.resourceVersion,
          resourceVersionMatch: 'Exact',
        }),
        (e: { code?: number }) => e.code === 410,
      );
    });

    it('keeps an informer in sync: after a 410 it lists again and sees what changed meanwhile', async () => {
      const core = config.makeApiClient(CoreV1Api);
      const informer = makeInformer(config, '/api/v1/namespaces/ml-serving/pods', () =>
        core.listNamespacedPod({ namespace: 'ml-serving' }),
      );
      const updates = new EventLog();
      informer.on('update', (pod: V1Pod) => updates.push('update', pod));
      informer.on('add', (pod: V1Pod) => updates.push('add', pod));
      await informer.start();
      try {
        assert.equal(informer.list('ml-serving').length, 3);
        const lists = (): number =>
          fake.requests.filter(
            (r) => r.path === '/api/v1/namespaces/ml-serving/pods' && !r.query.includes('watch'),
          ).length;
        assert.equal(lists(), 1);
        await fake.faults.watchesOpen(1);
        fake.faults.expireNextWatches = 1;
        fake.faults.endWatches();
        fake.modify('v1', 'Pod', 'ml-serving', 'llm-server-0', (pod) => {
          pod.metadata.labels = { ...pod.metadata.labels, 'after-410': 'true' };
        });
        await updates.next((e) => e.object.metadata?.name === 'llm-server-0' && e.type === 'update');
        assert.equal(informer.get('llm-server-0', 'ml-serving')?.metadata?.labels?.['after-410'], 'true');
        assert.ok(lists() >= 2, 'the informer listed again after the 410');
      } finally {
        await informer.stop();
      }
    });
  });
}
