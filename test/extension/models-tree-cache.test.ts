/**
 * The Models view's cache against the real daemon app over HTTP: a refresh that fetches the same
 * data keeps every node and signals nothing (so a multi-selection survives), and a change names
 * only the nodes whose rows changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ModelsTreeCache,
  type ModelNode,
  type ModelsNode,
  type VersionNode,
} from '../../extension/views/models-tree-cache.ts';
import { startTestDaemon, type TestDaemon } from '../daemon/daemon-harness.ts';
import { requester } from './daemon-requester.ts';

describe('the Models view cache', () => {
  let daemon: TestDaemon;
  const ok = async (endpoint: string, payload: Record<string, unknown>) => {
    const reply = await daemon.mlflow('POST', endpoint, payload);
    assert.equal(reply.status, 200, reply.text);
  };
  const createModel = async (name: string, versions: number) => {
    await ok('registered-models/create', { name });
    for (let i = 0; i < versions; i++)
      await ok('model-versions/create', { name, source: `models:/${name}/${i + 1}` });
  };
  const modelNode = async (cache: ModelsTreeCache, name: string) => {
    const node = (await cache.rootNodes()).find(
      (n): n is ModelNode => n.kind === 'model' && n.model.name === name,
    );
    assert.ok(node, `model ${name} listed`);
    return node;
  };
  const labels = (nodes: readonly ModelsNode[]) =>
    nodes.map((n) =>
      n.kind === 'model' ? n.model.name : n.kind === 'version' ? `v${n.version.version}` : n.text,
    );

  before(async () => {
    daemon = await startTestDaemon();
  });
  after(async () => {
    await daemon.close();
  });

  it('says there are no models yet, then lists the first one as a change of the top level', async () => {
    const cache = new ModelsTreeCache(requester(daemon).request);
    assert.deepEqual(labels(await cache.rootNodes()), ['No registered models yet.']);
    await createModel('first', 1);
    assert.deepEqual(await cache.refresh(), { root: true, nodes: [] });
    assert.deepEqual(labels(await cache.rootNodes()), ['first']);
  });

  it('signals no change when a refresh fetches the same data, and keeps every node', async () => {
    const { request, count } = requester(daemon);
    const cache = new ModelsTreeCache(request);
    await createModel('steady', 2);
    const root = await cache.rootNodes();
    const model = await modelNode(cache, 'steady');
    const versions = await cache.versionNodes(model);
    assert.deepEqual(labels(versions), ['v2', 'v1']);

    const fetchesBefore = count();
    for (let i = 0; i < 3; i++) assert.deepEqual(await cache.refresh(), { root: false, nodes: [] });
    assert.ok(count() > fetchesBefore, 'each refresh asked the daemon again');
    assert.equal(await cache.rootNodes(), root, 'the same top-level list');
    const again = await cache.versionNodes(model);
    assert.equal(again[0], versions[0], 'the same version nodes');
    assert.equal(again[1], versions[1]);

    // A version's description is not on screen: still no change.
    const update = await daemon.mlflow('PATCH', 'model-versions/update', {
      name: 'steady',
      version: '1',
      description: 'not shown',
    });
    assert.equal(update.status, 200, update.text);
    assert.deepEqual(await cache.refresh(), { root: false, nodes: [] });
  });

  it('names only the model and the version an alias moved to, or the model whose versions changed', async () => {
    const cache = new ModelsTreeCache(requester(daemon).request);
    await createModel('churn', 2);
    await createModel('other', 1);
    const churn = await modelNode(cache, 'churn');
    const other = await modelNode(cache, 'other');
    const versions = await cache.versionNodes(churn);
    const otherVersions = await cache.versionNodes(other);
    const v1 = versions.find((n) => n.version.version === '1') as VersionNode;

    await ok('registered-models/alias', { name: 'churn', alias: 'champion', version: '1' });
    const aliased = await cache.refresh();
    assert.equal(aliased.root, false);
    assert.deepEqual(
      new Set(aliased.nodes),
      new Set<ModelsNode>([churn, v1]),
      'the model row (its aliases) and the version row',
    );
    assert.deepEqual(v1.version.aliases, ['champion'], 'the node itself, updated in place');
    assert.equal(await modelNode(cache, 'churn'), churn);

    await ok('model-versions/create', { name: 'churn', source: 'models:/churn/3' });
    const added = await cache.refresh();
    assert.deepEqual(added, { root: false, nodes: [churn] });
    const after = await cache.versionNodes(churn);
    assert.deepEqual(labels(after), ['v3', 'v2', 'v1']);
    assert.equal(after[2], v1, 'versions already shown keep their node');
    assert.equal((await cache.versionNodes(other))[0], otherVersions[0], 'other models untouched');
  });

  it('fetches nothing on a refresh before the view first read it', async () => {
    const { request, count } = requester(daemon);
    const cache = new ModelsTreeCache(request);
    assert.deepEqual(await cache.refresh(), { root: false, nodes: [] });
    assert.equal(count(), 0);
  });
});
