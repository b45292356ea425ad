import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeKube, type FakeKube } from './fake-kube-server.ts';
import { api } from './raw-api-client.ts';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/ml-serving/deployments';

function config(replicas: number | undefined, labels: Record<string, string>): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ranker', namespace: 'ml-serving', labels },
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      selector: { matchLabels: { app: 'ranker' } },
      template: {
        metadata: { labels: { app: 'ranker' } },
        spec: { containers: [{ name: 'server', image: 'ranker:1' }] },
      },
    },
  });
}

const apply = (fake: FakeKube, body: string, manager: string, extra = ''): ReturnType<typeof api> =>
  api(fake, `${DEPLOYMENTS}/ranker?fieldManager=${manager}${extra}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/apply-patch+yaml' },
    body,
  });

describe('fake API server: writes', () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube();
  });
  after(() => fake.close());

  it('creates with server-set fields, refuses duplicates, and dry-runs without storing', async () => {
    const body = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ranker' },
      spec: { ports: [{ port: 80 }] },
    });
    const dry = await api(fake, '/api/v1/namespaces/ml-serving/services?dryRun=All', {
      method: 'POST',
      body,
    });
    assert.equal(dry.status, 201);
    assert.equal((await api(fake, '/api/v1/namespaces/ml-serving/services/ranker')).status, 404);
    const created = await api(fake, '/api/v1/namespaces/ml-serving/services', { method: 'POST', body });
    assert.equal(created.status, 201);
    const metadata = created.body['metadata'] as { uid: string; resourceVersion: string; namespace: string };
    assert.match(metadata.uid, /^[0-9a-f-]{36}$/);
    assert.equal(metadata.namespace, 'ml-serving');
    const again = await api(fake, '/api/v1/namespaces/ml-serving/services', { method: 'POST', body });
    assert.deepEqual(
      [again.status, again.body['reason'], again.body['message']],
      [409, 'AlreadyExists', 'services "ranker" already exists'],
    );
    const missingNamespace = await api(fake, '/api/v1/namespaces/nowhere/services', { method: 'POST', body });
    assert.deepEqual(
      [missingNamespace.status, missingNamespace.body['message']],
      [404, 'namespaces "nowhere" not found'],
    );
    const broken = await api(fake, '/api/v1/namespaces/ml-serving/services', {
      method: 'POST',
      body: '{"kind": "Service",',
    });
    assert.equal(broken.status, 400);
    assert.match(String(broken.body['message']), /not valid JSON/);
  });

  it('replaces with optimistic concurrency: a stale resourceVersion is a 409 Conflict', async () => {
    const current = await api(fake, '/api/v1/namespaces/ml-serving/services/ranker');
    const object = current.body as {
      metadata: { resourceVersion: string };
      spec: { ports: { port: number }[] };
    };
    object.spec.ports = [{ port: 8080 }];
    const replaced = await api(fake, '/api/v1/namespaces/ml-serving/services/ranker', {
      method: 'PUT',
      body: JSON.stringify(object),
    });
    assert.equal(replaced.status, 200);
    const stale = await api(fake, '/api/v1/namespaces/ml-serving/services/ranker', {
      method: 'PUT',
      body: JSON.stringify(object),
    });
    assert.equal(stale.status, 409);
    assert.match(
      String(stale.body['message']),
      /the object has been modified; please apply your changes to the latest version/,
    );
  });

  it('patches with JSON merge, strategic merge (containers by name) and JSON patch', async () => {
    const path = '/api/v1/namespaces/ml-serving/pods/llm-server-0';
    const merge = await api(fake, path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({
        metadata: { labels: { 'apps.kubernetes.io/pod-index': null, triaged: 'yes' } },
      }),
    });
    assert.deepEqual((merge.body['metadata'] as { labels: object }).labels, {
      app: 'llm-server',
      triaged: 'yes',
    });
    const strategic = await api(fake, path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
      body: JSON.stringify({ spec: { containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.6.4' }] } }),
    });
    const containers = (
      strategic.body['spec'] as { containers: { name: string; image: string; resources?: object }[] }
    ).containers;
    assert.equal(containers.length, 1);
    assert.equal(containers[0]?.image, 'vllm/vllm-openai:v0.6.4');
    assert.ok(containers[0]?.resources, 'the merge kept the fields the patch did not name');
    const jsonPatch = await api(fake, path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'replace', path: '/metadata/labels/triaged', value: 'no' }]),
    });
    assert.equal((jsonPatch.body['metadata'] as { labels: { triaged: string } }).labels.triaged, 'no');
    const badOp = await api(fake, path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'replace', path: '/metadata/missing/deep', value: 1 }]),
    });
    assert.equal(badOp.status, 422);
  });

  it('server-side apply: creates, records managedFields, co-owns equal values and removes fields no longer applied', async () => {
    const created = await apply(fake, config(2, { app: 'ranker', team: 'search' }), 'mlops-lens');
    assert.equal(created.status, 201);
    const managed = (
      created.body['metadata'] as {
        managedFields: {
          manager: string;
          operation: string;
          fieldsV1: Record<string, Record<string, unknown>>;
        }[];
      }
    ).managedFields;
    assert.deepEqual(
      managed.map((m) => [m.manager, m.operation]),
      [['mlops-lens', 'Apply']],
    );
    assert.ok('f:replicas' in (managed[0]?.fieldsV1['f:spec'] ?? {}));

    const shared = await apply(fake, config(2, { app: 'ranker' }), 'other-team');
    assert.equal(shared.status, 200, 'the same value is no conflict');
    const reapplied = await apply(fake, config(undefined, { app: 'ranker' }), 'mlops-lens');
    const labels = (reapplied.body['metadata'] as { labels: Record<string, string> }).labels;
    assert.deepEqual(labels, { app: 'ranker' }, 'the label mlops-lens stopped applying is gone');
    assert.equal(
      (reapplied.body['spec'] as { replicas: number }).replicas,
      2,
      'a field another manager still owns stays',
    );

    const conflict = await apply(fake, config(5, { app: 'ranker' }), 'mlops-lens');
    assert.equal(conflict.status, 409);
    const details = conflict.body['details'] as {
      causes: { type: string; message: string; field: string }[];
    };
    assert.deepEqual(details.causes, [
      {
        type: 'FieldManagerConflict',
        message: 'conflict with "other-team" using apps/v1',
        field: '.spec.replicas',
      },
    ]);
    const forced = await apply(fake, config(5, { app: 'ranker' }), 'mlops-lens', '&force=true');
    assert.equal((forced.body['spec'] as { replicas: number }).replicas, 5);
    const missingManager = await api(fake, `${DEPLOYMENTS}/ranker`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: config(1, {}),
    });
    assert.equal(missingManager.status, 422);
  });

  it('rejects invalid objects with a 422 naming each field, dry run included', async () => {
    const invalid = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'Bad_Name' },
      spec: {
        selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'y' } },
          spec: {
            containers: [
              {
                name: 'c',
                image: 'i',
                resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } },
              },
            ],
          },
        },
      },
    });
    const result = await api(fake, `${DEPLOYMENTS}?dryRun=All`, { method: 'POST', body: invalid });
    assert.equal(result.status, 422);
    const fields = (result.body['details'] as { causes: { field: string }[] }).causes.map((c) => c.field);
    assert.deepEqual(fields, [
      'metadata.name',
      'spec.template.spec.containers[0].resources.requests',
      'spec.template.metadata.labels',
    ]);
    assert.match(String(result.body['message']), /must be equal to nvidia.com\/gpu limit of 2/);
  });

  it('deletes a collection narrowed by a label selector, and the owned objects with it', async () => {
    const gone = await api(
      fake,
      '/apis/apps/v1/namespaces/ml-serving/replicasets?labelSelector=app%3Dchurn-model',
      {
        method: 'DELETE',
      },
    );
    assert.equal(gone.status, 200);
    assert.equal(gone.body['kind'], 'ReplicaSetList');
    assert.deepEqual(
      (gone.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name),
      ['churn-model-7d4b9c6f5'],
    );
    const pods = await api(fake, '/api/v1/namespaces/ml-serving/pods?labelSelector=app%3Dchurn-model');
    assert.deepEqual(pods.body['items'], [], 'the pods the ReplicaSet owned went with it');
    const scale = await api(fake, '/apis/apps/v1/namespaces/ml-serving/statefulsets/llm-server/scale');
    assert.deepEqual(
      [scale.body['kind'], (scale.body['spec'] as { replicas: number }).replicas],
      ['Scale', 1],
    );
    assert.equal((await api(fake, '/api/v1/namespaces/ml-serving/pods/llm-server-0/scale')).status, 404);
  });
});
