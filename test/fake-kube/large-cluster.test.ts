import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeKube, type FakeKube } from './fake-kube-server.ts';
import { addLargeCluster } from './large-cluster.ts';
import { api, openWatch } from './raw-api-client.ts';

describe('simulated large cluster', () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube({ seed: false });
    assert.deepEqual(addLargeCluster(fake, { nodes: 40, podsPerNode: 25 }), { nodes: 40, pods: 1000 });
  });
  after(() => fake.close());

  it('pages through every generated pod exactly once', async () => {
    const names = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const query = `limit=300${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      const page = await api(fake, `/api/v1/pods?${query}`);
      for (const item of page.body['items'] as { metadata: { namespace: string; name: string } }[]) {
        names.add(`${item.metadata.namespace}/${item.metadata.name}`);
      }
      token = (page.body['metadata'] as { continue?: string }).continue;
      pages++;
    } while (token);
    assert.equal(names.size, 1000);
    assert.equal(pages, 4);
  });

  it('builds real shapes: GPU nodes with MIG capacity, pods bound to them, some OOMKilled or pending', async () => {
    const node = await api(fake, '/api/v1/nodes/sim-node-00007');
    assert.equal(
      (node.body['status'] as { allocatable: Record<string, string> }).allocatable['nvidia.com/mig-1g.10gb'],
      '14',
    );
    const onNode = await api(fake, '/api/v1/pods?fieldSelector=spec.nodeName%3Dsim-node-00008');
    assert.equal((onNode.body['items'] as unknown[]).length, 25);
    const pending = await api(fake, '/api/v1/pods?fieldSelector=status.phase%3DPending');
    assert.equal((pending.body['items'] as unknown[]).length, 5);
    const oom = await api(fake, '/api/v1/namespaces/sim-03/pods/worker-000003');
    const status = oom.body['status'] as {
      containerStatuses: { lastState: { terminated: { reason: string } } }[];
    };
    assert.equal(status.containerStatuses[0]?.lastState.terminated.reason, 'OOMKilled');
  });

  it('turns a generated object into a stored one when it changes, and watchers see it', async () => {
    const watch = openWatch(
      fake,
      `/api/v1/namespaces/sim-01/pods?watch=1&resourceVersion=${fake.store.resourceVersion}`,
    );
    assert.equal(await watch.statusCode, 200);
    fake.modify('v1', 'Pod', 'sim-01', 'worker-000001', (pod) => {
      pod.metadata.labels = { ...pod.metadata.labels, inspected: 'true' };
    });
    const event = JSON.parse((await watch.nextLine()) ?? '{}') as {
      type: string;
      object: { metadata: { labels: Record<string, string> } };
    };
    assert.equal(event.type, 'MODIFIED');
    assert.equal(event.object.metadata.labels['inspected'], 'true');
    const read = await api(fake, '/api/v1/namespaces/sim-01/pods/worker-000001');
    assert.equal((read.body['metadata'] as { labels: Record<string, string> }).labels['inspected'], 'true');
    watch.close();
  });
});
