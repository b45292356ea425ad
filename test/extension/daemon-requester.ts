/** Test helper: a view's requests to the daemon, over real HTTP to the test daemon's app, counted. */
import assert from 'node:assert/strict';
import type { DaemonRequest } from '../../extension/views/runs-tree-cache.ts';
import { TEST_TOKEN, type TestDaemon } from '../daemon/daemon-harness.ts';

export function requester(daemon: TestDaemon): { request: DaemonRequest; count: () => number } {
  let count = 0;
  const request: DaemonRequest = async <T>(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown) => {
    count += 1;
    const response = await fetch(`http://127.0.0.1:${daemon.port}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as T;
  };
  return { request, count: () => count };
}
