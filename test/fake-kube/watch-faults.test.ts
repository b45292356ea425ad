import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { startFakeKube, type FakeKube } from './fake-kube-server.ts';
import { api, openWatch } from './raw-api-client.ts';

interface Line {
  type: string;
  object: {
    kind: string;
    code?: number;
    reason?: string;
    metadata: { name?: string; resourceVersion: string };
  };
}

const parse = (line: string | undefined): Line => JSON.parse(line ?? 'null') as Line;

function relabel(fake: FakeKube, name: string, labels: Record<string, string>): string {
  return fake.modify('v1', 'Pod', 'ml-serving', name, (pod) => {
    pod.metadata.labels = { ...pod.metadata.labels, ...labels };
  }).metadata.resourceVersion as string;
}

describe('fake API server: watch streams and their failure modes', () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube({ bookmarkIntervalMs: 50 });
  });
  after(() => fake.close());

  it('replays the retained changes after a resourceVersion, then follows live, chunked', async () => {
    const from = fake.store.resourceVersion;
    const first = relabel(fake, 'llm-server-0', { step: 'one' });
    const response = await fetch(
      `${fake.url}/api/v1/namespaces/ml-serving/pods?watch=1&resourceVersion=${from}`,
      {
        headers: { Authorization: `Bearer ${fake.token}` },
      },
    );
    assert.equal(response.headers.get('transfer-encoding'), 'chunked');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunk: Uint8Array | undefined = (await reader.read()).value;
    const replayed = parse(new TextDecoder().decode(chunk).trim());
    assert.deepEqual([replayed.type, replayed.object.metadata.resourceVersion], ['MODIFIED', first]);
    await reader.cancel();
  });

  it('turns selector transitions into ADDED and DELETED for that watcher', async () => {
    const watch = openWatch(
      fake,
      `/api/v1/pods?watch=true&labelSelector=tier%3Dgold&resourceVersion=${fake.store.resourceVersion}`,
    );
    assert.equal(await watch.statusCode, 200);
    relabel(fake, 'llm-server-0', { tier: 'gold' });
    assert.equal(parse(await watch.nextLine()).type, 'ADDED');
    relabel(fake, 'llm-server-0', { tier: 'silver' });
    const left = parse(await watch.nextLine());
    assert.deepEqual([left.type, left.object.metadata.name], ['DELETED', 'llm-server-0']);
    watch.close();
    await watch.closed;
  });

  it('sends bookmarks only when asked, with a current resourceVersion', async () => {
    const watch = openWatch(
      fake,
      `/api/v1/nodes?watch=1&allowWatchBookmarks=true&resourceVersion=${fake.store.resourceVersion}`,
    );
    const bookmark = parse(await watch.nextLine());
    assert.equal(bookmark.type, 'BOOKMARK');
    assert.equal(bookmark.object.kind, 'Node');
    assert.equal(bookmark.object.metadata.resourceVersion, String(fake.store.resourceVersion));
    watch.close();
  });

  it('streams the initial state then a bookmark marking its end when sendInitialEvents=true', async () => {
    const query = 'watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan';
    const watch = openWatch(fake, `/api/v1/namespaces/ml-training/pods?${query}`);
    const added = parse(await watch.nextLine());
    assert.deepEqual([added.type, added.object.metadata.name], ['ADDED', 'train-resnet-8xk2w']);
    const end = JSON.parse((await watch.nextLine()) ?? '{}') as {
      type: string;
      object: { metadata: { annotations?: object } };
    };
    assert.equal(end.type, 'BOOKMARK');
    assert.deepEqual(end.object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
    watch.close();
    const refused = await api(fake, '/api/v1/pods?watch=1&sendInitialEvents=true');
    assert.equal(refused.status, 422);
  });

  it('gives an ERROR event with 410 for an expired resourceVersion, and when told to expire the next watch', async () => {
    const old = fake.store.resourceVersion;
    relabel(fake, 'llm-server-0', { step: 'two' });
    fake.store.compact();
    const expired = openWatch(fake, `/api/v1/pods?watch=1&resourceVersion=${old}`);
    const error = parse(await expired.nextLine());
    assert.deepEqual(
      [error.type, error.object.kind, error.object.code, error.object.reason],
      ['ERROR', 'Status', 410, 'Expired'],
    );
    await expired.closed;

    fake.faults.expireNextWatches = 1;
    const forced = openWatch(fake, `/api/v1/pods?watch=1&resourceVersion=${fake.store.resourceVersion}`);
    assert.equal(parse(await forced.nextLine()).object.code, 410);
    await forced.closed;
    const list = await api(fake, `/api/v1/pods?resourceVersion=${old}&resourceVersionMatch=Exact`);
    assert.equal(list.status, 410);
  });

  it('drops every watch connection on demand', async () => {
    const watch = openWatch(fake, `/api/v1/pods?watch=1&resourceVersion=${fake.store.resourceVersion}`);
    assert.equal(await watch.statusCode, 200);
    assert.equal(fake.faults.dropWatches(), 1);
    await watch.closed;
    assert.equal(await watch.nextLine(), undefined);
  });

  it('writes garbage bytes into open watches', async () => {
    const watch = openWatch(fake, `/api/v1/pods?watch=1&resourceVersion=${fake.store.resourceVersion}`);
    assert.equal(await watch.statusCode, 200);
    fake.faults.sendGarbage();
    const line = await watch.nextLine();
    assert.throws(() => JSON.parse(line ?? ''), SyntaxError);
    watch.close();
  });

  it('keeps silent watches open with nothing sent, then resumes with later changes only', async () => {
    const watch = openWatch(
      fake,
      `/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${fake.store.resourceVersion}`,
    );
    assert.equal(await watch.statusCode, 200);
    fake.faults.silentWatches = true;
    relabel(fake, 'llm-server-0', { step: 'unheard' });
    fake.faults.silentWatches = false;
    const heard = relabel(fake, 'llm-server-0', { step: 'heard' });
    let line = parse(await watch.nextLine());
    while (line.type === 'BOOKMARK') line = parse(await watch.nextLine());
    assert.deepEqual([line.type, line.object.metadata.resourceVersion], ['MODIFIED', heard]);
    watch.close();
  });

  it('goes away and comes back on the same port', async () => {
    const port = fake.port;
    const watch = openWatch(fake, `/api/v1/pods?watch=1&resourceVersion=${fake.store.resourceVersion}`);
    assert.equal(await watch.statusCode, 200);
    await fake.disappear();
    await watch.closed;
    await assert.rejects(fetch(`${fake.url}/version`), /fetch failed/);
    await fake.reappear();
    assert.equal(fake.port, port);
    assert.equal((await api(fake, '/version')).status, 200);
  });

  it('delays responses when slow', async () => {
    fake.faults.latencyMs = 300;
    try {
      const started = performance.now();
      await api(fake, '/api/v1/nodes');
      assert.ok(performance.now() - started >= 290, 'the response came after the configured delay');
    } finally {
      fake.faults.latencyMs = 0;
    }
  });

  it('offers the same faults over its HTTP control routes', async () => {
    const faults = await fetch(`${fake.url}/fake-kube/faults`, {
      method: 'POST',
      body: JSON.stringify({ expireNextWatches: 2 }),
    });
    assert.deepEqual(await faults.json(), { latencyMs: 0, silentWatches: false, expireNextWatches: 2 });
    await fetch(`${fake.url}/fake-kube/reset-faults`, { method: 'POST' });
    const state = (await (await fetch(`${fake.url}/fake-kube/state`)).json()) as {
      faults: { expireNextWatches: number };
    };
    assert.equal(state.faults.expireNextWatches, 0);
    const modified = await fetch(`${fake.url}/fake-kube/modify`, {
      method: 'POST',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Node',
        name: 'cpu-0',
        merge: { spec: { unschedulable: true } },
      }),
    });
    assert.equal(((await modified.json()) as { spec: { unschedulable: boolean } }).spec.unschedulable, true);
    const unknown = await fetch(`${fake.url}/fake-kube/explode`, { method: 'POST' });
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { message: string }).message, /unknown control action "explode"/);
  });

  it('ends a watch when its timeoutSeconds run out', async () => {
    const watch = openWatch(
      fake,
      `/api/v1/pods?watch=1&timeoutSeconds=1&resourceVersion=${fake.store.resourceVersion}`,
    );
    await watch.closed;
    assert.equal(await watch.nextLine(), undefined);
  });

  it('has an outage over its HTTP control route and comes back on the same port', async () => {
    const gone = once(fake.faults, 'gone');
    const back = once(fake.faults, 'listening');
    const answer = await fetch(`${fake.url}/fake-kube/outage`, { method: 'POST', body: '{"seconds": 0.2}' });
    assert.equal(answer.status, 202);
    await gone;
    await assert.rejects(fetch(`${fake.url}/version`), /fetch failed/);
    await back;
    assert.equal((await api(fake, '/version')).status, 200);
  });
});
