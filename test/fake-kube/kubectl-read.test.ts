import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kubectlMissing, startKubectlSession, tableRows, type KubectlSession } from './kubectl-harness.ts';

describe('kubectl reads the fake cluster', { skip: kubectlMissing }, () => {
  let session: KubectlSession;
  before(async () => {
    session = await startKubectlSession();
  });
  after(() => session.close());

  it('get nodes prints the server-side table of the seeded nodes', async () => {
    const result = await session.run(['get', 'nodes']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    assert.deepEqual(
      tableRows(result.stdout).map((row) => [row[0], row[1], row[4]]),
      [
        ['cpu-0', 'Ready', 'v1.32.4'],
        ['gpu-a100-0', 'Ready', 'v1.32.4'],
        ['gpu-h100-0', 'Ready', 'v1.32.4'],
      ],
    );
    assert.ok(
      session.fake.requests.some((r) => r.path === '/api/v1/nodes' && r.accept.includes('as=Table')),
      'kubectl asked for a Table',
    );
  });

  it('get pods -A -o wide shows status, restarts, IP and node as the pod printer computes them', async () => {
    const result = await session.run(['get', 'pods', '-A', '-o', 'wide']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout.split('\n')[0] ?? '',
      /NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/,
    );
    const rows = new Map(tableRows(result.stdout).map((row) => [row[1], row]));
    const llm = rows.get('llm-server-0');
    assert.deepEqual(llm?.slice(0, 4), ['ml-serving', 'llm-server-0', '0/1', 'CrashLoopBackOff']);
    assert.match(llm?.[4] ?? '', /^5 \(\S+ ago\)$/);
    assert.deepEqual(llm?.slice(6, 8), ['10.244.1.30', 'gpu-h100-0']);
    const pending = rows.get('train-resnet-8xk2w');
    assert.deepEqual(pending?.slice(2, 5), ['0/1', 'Pending', '0']);
    assert.equal(pending?.[7], '<none>');
  });

  it('get pods -l app=x selects by label', async () => {
    const result = await session.run(['get', 'pods', '-A', '-l', 'app=churn-model', '-o', 'name']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n'), [
      'pod/churn-model-7d4b9c6f5-k9p4m',
      'pod/churn-model-7d4b9c6f5-x2x7q',
    ]);
    const setBased = await session.run([
      'get',
      'pods',
      '-A',
      '-l',
      'app in (llm-server,train-resnet)',
      '-o',
      'name',
    ]);
    assert.deepEqual(setBased.stdout.trim().split('\n'), ['pod/llm-server-0', 'pod/train-resnet-8xk2w']);
  });

  it('--field-selector filters on pod fields and rejects an unsupported field', async () => {
    const pending = await session.run([
      'get',
      'pods',
      '-A',
      '--field-selector',
      'status.phase=Pending',
      '-o',
      'name',
    ]);
    assert.equal(pending.stdout.trim(), 'pod/train-resnet-8xk2w');
    const onNode = await session.run([
      'get',
      'pods',
      '-A',
      '--field-selector',
      'spec.nodeName=gpu-h100-0,metadata.name!=llm-server-0',
      '-o',
      'name',
    ]);
    assert.deepEqual(onNode.stdout.trim().split('\n'), [
      'pod/churn-model-7d4b9c6f5-k9p4m',
      'pod/churn-model-7d4b9c6f5-x2x7q',
    ]);
    const wrong = await session.run(['get', 'pods', '-A', '--field-selector', 'spec.image=x']);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /field label not supported: spec\.image/);
  });

  it('--chunk-size=2 pages through continue tokens and prints every pod once', async () => {
    const before = session.fake.requests.length;
    const result = await session.run(['get', 'pods', '-A', '--chunk-size=2', '-o', 'name']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim().split('\n').length, 4);
    const pages = session.fake.requests.slice(before).filter((r) => r.path === '/api/v1/pods');
    assert.equal(pages.length, 2);
    assert.match(pages[0]?.query ?? '', /limit=2/);
    assert.match(pages[1]?.query ?? '', /continue=/);
  });

  it('describe pod shows the OOMKilled last state and the pod events', async () => {
    const result = await session.run(['describe', 'pod', '-n', 'ml-serving', 'llm-server-0']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff/);
    assert.match(result.stdout, /Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
    assert.match(result.stdout, /Restart Count:\s+5/);
    assert.match(
      result.stdout,
      /Warning\s+BackOff\s+\S+ \(x12 over \S+\)\s+kubelet\s+Back-off restarting failed container vllm/,
    );
    const pending = await session.run(['describe', 'pod', '-n', 'ml-training', 'train-resnet-8xk2w']);
    assert.match(
      pending.stdout,
      /Warning\s+FailedScheduling\s+.*0\/3 nodes are available: 3 Insufficient nvidia\.com\/gpu\./,
    );
  });

  it('logs, logs --tail and logs --previous read the container logs', async () => {
    const current = await session.run(['logs', '-n', 'ml-serving', 'llm-server-0']);
    assert.equal(current.code, 0, current.stderr);
    assert.match(current.stdout, /Starting to load model/);
    assert.doesNotMatch(current.stdout, /Killed/);
    const previous = await session.run([
      'logs',
      '-n',
      'ml-serving',
      'llm-server-0',
      '--previous',
      '--tail=2',
    ]);
    assert.equal(
      previous.stdout,
      'INFO 11-25 18:12:44 worker.py:262] Memory profiling results: total_gpu_memory=79.11GiB initial_memory_usage=15.52GiB peak_torch_memory=16.73GiB\nKilled\n',
    );
    const none = await session.run(['logs', '-n', 'ml-serving', 'churn-model-7d4b9c6f5-k9p4m', '--previous']);
    assert.notEqual(none.code, 0);
    assert.match(
      none.stderr,
      /previous terminated container "server" in pod "churn-model-7d4b9c6f5-k9p4m" not found/,
    );
  });

  it('a wrong token is refused with a 401 Status', async () => {
    const result = await session.run(['get', 'nodes', '--token', 'not-the-token']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /You must be logged in to the server|Unauthorized/);
  });
});
