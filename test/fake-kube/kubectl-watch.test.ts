import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { kubectlMissing, startKubectlSession, type KubectlSession } from './kubectl-harness.ts';

/** Resolves with kubectl's output so far once it contains `pattern`. */
function outputMatching(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  let text = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) {
        stream.off('data', onData);
        resolve(text);
      }
    };
    stream.on('data', onData);
  });
}

describe('kubectl get --watch follows the fake cluster', { skip: kubectlMissing }, () => {
  let session: KubectlSession;
  before(async () => {
    session = await startKubectlSession();
  });
  after(() => session.close());

  it('prints a change made through the control API as it happens', async () => {
    const child = session.spawn(['get', 'pods', '-n', 'ml-serving', '--watch']);
    try {
      const listed = await outputMatching(child.stdout, /llm-server-0/);
      assert.match(listed, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
      await session.fake.faults.watchesOpen(1);
      session.fake.modify('v1', 'Pod', 'ml-serving', 'churn-model-7d4b9c6f5-x2x7q', (pod) => {
        pod.metadata.deletionTimestamp = new Date().toISOString();
      });
      const changed = await outputMatching(child.stdout, /churn-model-7d4b9c6f5-x2x7q\s+1\/1\s+Terminating/);
      assert.match(changed, /Terminating/);
      session.fake.remove('v1', 'Pod', 'ml-serving', 'llm-server-0');
      await outputMatching(child.stdout, /llm-server-0/);
      const watch = session.fake.requests.find(
        (r) => r.path === '/api/v1/namespaces/ml-serving/pods' && r.query.includes('watch=true'),
      );
      assert.match(watch?.query ?? '', /resourceVersion=\d+/);
      assert.match(watch?.accept ?? '', /as=Table/);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it('logs -f prints the lines a container writes after it started following', async () => {
    const child = session.spawn(['logs', '-f', '-n', 'ml-serving', 'churn-model-7d4b9c6f5-k9p4m']);
    try {
      await outputMatching(child.stdout, /POST \/predict HTTP\/1\.1" 200 OK/);
      session.fake.logs.append(
        'ml-serving',
        'churn-model-7d4b9c6f5-k9p4m',
        'server',
        'WARNING: drift check took 812 ms',
      );
      const more = await outputMatching(child.stdout, /drift check/);
      assert.equal(more, 'WARNING: drift check took 812 ms\n');
      const follow = session.fake.requests.find((r) => r.path.endsWith('/log'));
      assert.match(follow?.query ?? '', /follow=true/);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });
});
