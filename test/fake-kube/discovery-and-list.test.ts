import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTINUE_TOO_OLD } from './list-query.ts';
import { startFakeKube, type FakeKube } from './fake-kube-server.ts';
import { api } from './raw-api-client.ts';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

describe('fake API server: authentication, discovery and lists', () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube();
  });
  after(() => fake.close());

  it('refuses a missing or wrong token with the real 401 Status', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong' }]) {
      const response = await fetch(`${fake.url}/api/v1/pods`, { headers });
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('answers aggregated discovery with its media type, and legacy discovery otherwise', async () => {
    const aggregated = await api(fake, '/apis', { headers: { Accept: AGGREGATED } });
    assert.equal(
      aggregated.contentType,
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const items = aggregated.body['items'] as {
      metadata: { name: string };
      versions: { resources: { resource: string; scope: string }[] }[];
    }[];
    const kserve = items.find((i) => i.metadata.name === 'serving.kserve.io');
    assert.deepEqual(
      kserve?.versions[0]?.resources.map((r) => [r.resource, r.scope]),
      [['inferenceservices', 'Namespaced']],
    );
    const core = await api(fake, '/api', { headers: { Accept: AGGREGATED } });
    const coreResources = (
      core.body['items'] as {
        versions: { resources: { resource: string; subresources?: { subresource: string }[] }[] }[];
      }[]
    )[0]?.versions[0]?.resources;
    assert.deepEqual(
      coreResources?.find((r) => r.resource === 'pods')?.subresources?.map((s) => s.subresource),
      ['status', 'log'],
    );

    const legacy = await api(fake, '/apis');
    assert.equal(legacy.body['kind'], 'APIGroupList');
    assert.ok(
      (legacy.body['groups'] as { name: string }[]).some((g) => g.name === 'gateway.networking.k8s.io'),
    );
    const resources = await api(fake, '/apis/serving.kserve.io/v1beta1');
    assert.equal(resources.body['kind'], 'APIResourceList');
    assert.equal((await api(fake, '/version')).body['gitVersion'], 'v1.32.4');
  });

  it('serves a cluster without CRDs: their group versions are 404 and absent from discovery', async () => {
    const plain = await startFakeKube({ customGroups: [] });
    try {
      assert.equal((await api(plain, '/apis/serving.kserve.io/v1beta1')).status, 404);
      assert.equal((await api(plain, '/apis/serving.kserve.io/v1beta1/inferenceservices')).status, 404);
      const groups = (await api(plain, '/apis')).body['groups'] as { name: string }[];
      assert.deepEqual(groups.map((g) => g.name).sort(), ['apps', 'batch']);
    } finally {
      await plain.close();
    }
  });

  it('answers only legacy discovery when aggregated discovery is off, as an older server', async () => {
    const old = await startFakeKube({ aggregatedDiscovery: false, seed: false });
    try {
      const response = await api(old, '/api', { headers: { Accept: AGGREGATED } });
      assert.equal(response.contentType, 'application/json');
      assert.equal(response.body['kind'], 'APIVersions');
    } finally {
      await old.close();
    }
  });

  it('lists with a global resourceVersion, label selectors and namespaced routes', async () => {
    const list = await api(
      fake,
      '/api/v1/namespaces/ml-serving/pods?labelSelector=app%20notin%20(churn-model),!job-name',
    );
    assert.equal(list.body['kind'], 'PodList');
    assert.equal(
      (list.body['metadata'] as { resourceVersion: string }).resourceVersion,
      String(fake.store.resourceVersion),
    );
    const items = list.body['items'] as { metadata: { name: string }; kind?: string }[];
    assert.deepEqual(
      items.map((i) => i.metadata.name),
      ['llm-server-0'],
    );
    assert.equal(items[0]?.kind, undefined, 'built-in list items carry no kind, as on a real server');
    const exists = await api(
      fake,
      '/api/v1/nodes?labelSelector=nvidia.com/gpu.sharing-strategy%3Dtime-slicing,nvidia.com/gpu.replicas',
    );
    assert.deepEqual(
      (exists.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name),
      ['gpu-a100-0'],
    );
    const bad = await api(fake, '/api/v1/pods?labelSelector=app%20in%20(a');
    assert.equal(bad.status, 400);
    assert.match(String(bad.body['message']), /unable to parse requirement/);
  });

  it('selects events by involvedObject fields, including the Xid event on a node', async () => {
    const events = await api(
      fake,
      '/api/v1/events?fieldSelector=involvedObject.kind%3DNode,involvedObject.name%3Dgpu-h100-0',
    );
    const items = events.body['items'] as { reason: string; message: string }[];
    assert.deepEqual(
      items.map((e) => e.reason),
      ['GPUXidError'],
    );
    assert.match(items[0]?.message ?? '', /Xid .*: 79/);
  });

  it('pages with limit and continue, and answers 410 Expired for a continue token older than the history', async () => {
    const first = await api(fake, '/api/v1/pods?limit=1');
    const metadata = first.body['metadata'] as { continue: string; remainingItemCount: number };
    assert.equal(metadata.remainingItemCount, 3);
    const second = await api(fake, `/api/v1/pods?limit=1&continue=${encodeURIComponent(metadata.continue)}`);
    assert.equal(second.status, 200);
    fake.modify('v1', 'Pod', 'ml-serving', 'llm-server-0', (pod) => {
      pod.metadata.labels = { ...pod.metadata.labels, touched: 'true' };
    });
    fake.store.compact();
    const stale = await api(fake, `/api/v1/pods?limit=1&continue=${encodeURIComponent(metadata.continue)}`);
    assert.equal(stale.status, 410);
    assert.equal(stale.body['reason'], 'Expired');
    assert.equal(stale.body['message'], CONTINUE_TOO_OLD);
    const garbled = await api(fake, '/api/v1/pods?limit=1&continue=bm90LWpzb24=');
    assert.equal(garbled.status, 400);
  });

  it('prints a Table for kubectl, with wide columns at priority 1', async () => {
    const table = await api(fake, '/api/v1/namespaces/ml-training/pods', {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    assert.equal(table.body['kind'], 'Table');
    const columns = table.body['columnDefinitions'] as { name: string; priority: number }[];
    assert.deepEqual(
      columns.filter((c) => c.priority === 0).map((c) => c.name),
      ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    );
    const rows = table.body['rows'] as { cells: unknown[]; object: { kind: string } }[];
    assert.deepEqual(rows[0]?.cells.slice(0, 4), ['train-resnet-8xk2w', '0/1', 'Pending', '0']);
    assert.equal(rows[0]?.object.kind, 'PartialObjectMetadata');
  });
});
