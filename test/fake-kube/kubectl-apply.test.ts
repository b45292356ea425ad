import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kubectlMissing, startKubectlSession, type KubectlSession } from './kubectl-harness.ts';

function deployment(replicas: number, gpu = '1'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: fraud-model
  namespace: ml-serving
  labels: {app: fraud-model}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: fraud-model}}
  template:
    metadata: {labels: {app: fraud-model}}
    spec:
      containers:
        - name: server
          image: registry.example.com/ml/fraud@sha256:${'1'.repeat(64)}
          resources:
            requests: {nvidia.com/mig-1g.10gb: "${gpu}"}
            limits: {nvidia.com/mig-1g.10gb: "${gpu}"}
`;
}

describe('kubectl writes to the fake cluster', { skip: kubectlMissing }, () => {
  let session: KubectlSession;
  let folder: string;
  const manifest = (name: string, text: string): Promise<string> => {
    const path = join(folder, name);
    return writeFile(path, text).then(() => path);
  };
  const getFraudModel = (output: string): ReturnType<KubectlSession['run']> =>
    session.run(['get', 'deployment', '-n', 'ml-serving', 'fraud-model', '-o', output]);
  before(async () => {
    session = await startKubectlSession();
    folder = await mkdtemp(join(tmpdir(), 'fake-kube-manifests-'));
  });
  after(async () => {
    await session.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('apply --server-side --dry-run=server validates and stores nothing', async () => {
    const file = await manifest('dry.yaml', deployment(1));
    const result = await session.run(['apply', '--server-side', '--dry-run=server', '-f', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'deployment.apps/fraud-model serverside-applied (server dry run)');
    const patch = session.fake.requests.find((r) => r.method === 'PATCH');
    assert.match(patch?.query ?? '', /dryRun=All/);
    assert.equal(patch?.contentType, 'application/apply-patch+yaml');
    const get = await session.run(['get', 'deployment', '-n', 'ml-serving', 'fraud-model']);
    assert.notEqual(get.code, 0);
    assert.match(get.stderr, /deployments\.apps "fraud-model" not found/);

    const invalid = await manifest('invalid.yaml', deployment(1, '0.5'));
    const refused = await session.run(['apply', '--server-side', '--dry-run=server', '-f', invalid]);
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.stderr,
      /resources\.requests\[nvidia\.com\/mig-1g\.10gb\]: Invalid value: "0\.5": must be an integer/,
    );
  });

  it('apply --server-side stores the object with its field manager, and a second manager conflicts', async () => {
    const file = await manifest('one.yaml', deployment(1));
    const applied = await session.run(['apply', '--server-side', '--field-manager=mlops-lens', '-f', file]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(applied.stdout.trim(), 'deployment.apps/fraud-model serverside-applied');
    const shown = await getFraudModel(
      'jsonpath={.spec.replicas} {.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}',
    );
    assert.equal(shown.stdout, '1 mlops-lens Apply');

    const other = await manifest('three.yaml', deployment(3));
    const conflict = await session.run(['apply', '--server-side', '--field-manager=ops-team', '-f', other]);
    assert.notEqual(conflict.code, 0);
    assert.match(
      conflict.stderr,
      /Apply failed with 1 conflict: conflict with "mlops-lens" using apps\/v1: \.spec\.replicas/,
    );

    const forced = await session.run([
      ...'apply --server-side --field-manager=ops-team --force-conflicts -f'.split(' '),
      other,
    ]);
    assert.equal(forced.code, 0, forced.stderr);
    const after = await getFraudModel('jsonpath={.spec.replicas}');
    assert.equal(after.stdout, '3');
  });

  it('delete removes the object and what it owns; a watcher-free get then finds nothing', async () => {
    const owner = session.fake.store.get(
      session.fake.typeOf('apps/v1', 'Deployment'),
      'ml-serving',
      'fraud-model',
    );
    assert.ok(owner?.metadata.uid);
    session.fake.put({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'fraud-model-5c9d8',
        namespace: 'ml-serving',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'fraud-model',
            uid: owner.metadata.uid,
            controller: true,
          },
        ],
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'fraud-model' } },
        template: {
          metadata: { labels: { app: 'fraud-model' } },
          spec: { containers: [{ name: 'server', image: 'x' }] },
        },
      },
    });
    const file = await manifest('delete.yaml', deployment(3));
    const deleted = await session.run(['delete', '-f', file]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout.trim(), 'deployment.apps "fraud-model" deleted');
    const left = await session.run(['get', 'deployments,replicasets', '-n', 'ml-serving', '-o', 'name']);
    assert.doesNotMatch(left.stdout, /fraud-model/);
    assert.match(left.stdout, /deployment\.apps\/churn-model/);
  });

  it('a request that RBAC denies gets 403 Forbidden worded as the real server words it', async () => {
    session.fake.access.deny({ verb: 'patch', resource: 'deployments', namespace: 'ml-serving' });
    try {
      const file = await manifest('denied.yaml', deployment(1));
      const result = await session.run(['apply', '--server-side', '--field-manager=mlops-lens', '-f', file]);
      assert.notEqual(result.code, 0);
      assert.match(
        result.stderr,
        /deployments\.apps "fraud-model" is forbidden: User "system:serviceaccount:mlops:deployer" cannot patch resource "deployments" in API group "apps" in the namespace "ml-serving"/,
      );
    } finally {
      session.fake.access.clear();
    }
  });

  it('scale changes replicas through the scale subresource', async () => {
    const scaled = await session.run(['scale', 'deployment/churn-model', '-n', 'ml-serving', '--replicas=4']);
    assert.equal(scaled.code, 0, scaled.stderr);
    assert.equal(scaled.stdout.trim(), 'deployment.apps/churn-model scaled');
    const request = session.fake.requests.findLast((r) => r.method === 'PATCH');
    assert.equal(request?.path, '/apis/apps/v1/namespaces/ml-serving/deployments/churn-model/scale');
    const replicas = await session.run([
      'get',
      'deployment',
      '-n',
      'ml-serving',
      'churn-model',
      '-o',
      'jsonpath={.spec.replicas}',
    ]);
    assert.equal(replicas.stdout, '4');
  });

  it('create -f makes objects; deleting their namespace deletes what is in it', async () => {
    const manifests = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: canary-test}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: probe, namespace: canary-test}\nspec: {containers: [{name: probe, image: "busybox:1.36"}]}',
    ].join('\n---\n');
    const created = await session.run(['create', '-f', '-'], manifests);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'namespace/canary-test created\npod/probe created\n');
    const deleted = await session.run(['delete', 'namespace', 'canary-test']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal((await session.run(['get', 'pods', '-n', 'canary-test', '-o', 'name'])).stdout.trim(), '');
  });

  it('refuses protobuf bodies (kubectl typed generators such as create namespace) with 415', async () => {
    const result = await session.run(['create', 'namespace', 'generated']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /UnsupportedMediaType/);
  });

  it('client-side apply, label, patch and cordon change objects as on a real server', async () => {
    const file = await manifest('client-side.yaml', deployment(1).replace('fraud-model', 'scorer'));
    assert.equal((await session.run(['apply', '-f', file])).stdout.trim(), 'deployment.apps/scorer created');
    await writeFile(file, deployment(2).replace('fraud-model', 'scorer'));
    assert.equal(
      (await session.run(['apply', '-f', file])).stdout.trim(),
      'deployment.apps/scorer configured',
    );
    const labeled = await session.run(['label', 'pod', '-n', 'ml-serving', 'llm-server-0', 'triage=oom']);
    assert.equal(labeled.stdout.trim(), 'pod/llm-server-0 labeled');
    const patched = await session.run([
      'patch',
      'deployment',
      '-n',
      'ml-serving',
      'scorer',
      '-p',
      '{"spec":{"replicas":3}}',
    ]);
    assert.equal(patched.stdout.trim(), 'deployment.apps/scorer patched');
    const cordoned = await session.run(['cordon', 'cpu-0']);
    assert.equal(cordoned.stdout.trim(), 'node/cpu-0 cordoned');
    const nodes = await session.run(['get', 'node', 'cpu-0', '--no-headers']);
    assert.match(nodes.stdout, /^cpu-0\s+Ready,SchedulingDisabled\s/);
    const state = await session.run([
      'get',
      'deployment',
      '-n',
      'ml-serving',
      'scorer',
      '-o',
      'jsonpath={.spec.replicas}',
    ]);
    assert.equal(state.stdout, '3');
    const pod = session.fake.store.get(session.fake.typeOf('v1', 'Pod'), 'ml-serving', 'llm-server-0');
    assert.equal(pod?.metadata.labels?.['triage'], 'oom');
  });
});
