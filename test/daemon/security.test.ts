/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument -- wire tests read raw JSON replies and check them by value */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from './daemon-harness.ts';

describe('daemon request guard and hostile requests', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon({ bodyLimit: 64 * 1024 });
  });
  after(async () => daemon.close());

  const getDefault = (headers: Record<string, string | undefined>) =>
    daemon.call('GET', '/api/2.0/mlflow/experiments/get', { query: { experiment_id: '0' }, headers });

  it('serves a request with the token and a loopback Host', async () => {
    const res = await getDefault({});
    assert.equal(res.status, 200);
    assert.equal(res.json.experiment.name, 'Default');
  });

  it('accepts localhost and [::1] Host names with the right port', async () => {
    assert.equal((await getDefault({ host: `localhost:${daemon.port}` })).status, 200);
    assert.equal((await getDefault({ host: `[::1]:${daemon.port}` })).status, 200);
  });

  it('refuses a request without a token', async () => {
    const res = await getDefault({ authorization: undefined });
    assert.equal(res.status, 401);
    assert.equal(res.json.error_code, 'UNAUTHENTICATED');
  });

  it('refuses a wrong token, a token of another length and a non-bearer scheme', async () => {
    for (const authorization of [
      `Bearer ${TEST_TOKEN.slice(0, -1)}x`,
      'Bearer short',
      `Basic ${TEST_TOKEN}`,
    ]) {
      const res = await getDefault({ authorization });
      assert.equal(res.status, 401, authorization);
      assert.equal(res.json.error_code, 'UNAUTHENTICATED');
    }
  });

  it('refuses a foreign Host (DNS rebinding), a wrong port and a missing Host', async () => {
    for (const host of [
      `evil.example:${daemon.port}`,
      `127.0.0.1:${daemon.port + 1}`,
      '127.0.0.1',
      `127.0.0.2:${daemon.port}`,
    ]) {
      const res = await getDefault({ host });
      assert.equal(res.status, 403, host);
      assert.equal(res.json.error_code, 'PERMISSION_DENIED');
    }
    // Node's HTTP server itself answers 400 to an HTTP/1.1 request without Host.
    const noHost = await getDefault({ host: undefined });
    assert.ok(noHost.status === 400 || noHost.status === 403, String(noHost.status));
  });

  it('refuses requests carrying a web Origin, preflights included, and sends no CORS headers', async () => {
    const res = await getDefault({ origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const preflight = await daemon.call('OPTIONS', '/api/2.0/mlflow/experiments/create', {
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        authorization: undefined,
      },
    });
    assert.notEqual(preflight.status, 200);
    assert.notEqual(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });

  it('answers 413 to a body over the limit and keeps serving', async () => {
    const res = await daemon.call('POST', '/api/2.0/mlflow/experiments/create', {
      rawBody: JSON.stringify({ name: 'x'.repeat(200 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 413);
    assert.equal(res.json.error_code, 'REQUEST_LIMIT_EXCEEDED');
    assert.equal((await getDefault({})).status, 200);
  });

  it('answers a clear 400 to malformed JSON and keeps serving', async () => {
    for (const rawBody of ['{"name": ', 'not json', '[1, 2]', '"a string"', '{"__proto__": {"x": 1}}']) {
      const res = await daemon.call('POST', '/api/2.0/mlflow/experiments/create', {
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.status, 400, rawBody);
      assert.equal(res.json.error_code, 'BAD_REQUEST', rawBody);
      assert.match(res.json.message, /JSON/);
    }
    assert.equal((await getDefault({})).status, 200);
  });

  it('answers INVALID_PARAMETER_VALUE to wrong types and missing fields', async () => {
    const cases: Record<string, unknown>[] = [
      { name: 42 },
      { name: ['a'] },
      {},
      { name: 'ok', tags: 'not-a-list' },
      { name: 'ok', tags: [{ key: 1, value: 'v' }] },
    ];
    for (const body of cases) {
      const res = await daemon.mlflow('POST', 'experiments/create', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error_code, 'INVALID_PARAMETER_VALUE', JSON.stringify(body));
    }
    const created = await daemon.mlflow('POST', 'experiments/create', { name: 'types' });
    const run = await daemon.mlflow('POST', 'runs/create', { experiment_id: created.json.experiment_id });
    const runId: string = run.json.run.info.run_id;
    for (const body of [
      { run_id: runId, key: 'm', value: 'high', timestamp: 1 },
      { run_id: runId, key: 'm', value: 1, timestamp: 1.5 },
      { run_id: runId, key: 'm', value: 1, timestamp: '12abc' },
      { run_id: runId, key: 'm', value: { x: 1 }, timestamp: 1 },
    ]) {
      const res = await daemon.mlflow('POST', 'runs/log-metric', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error_code, 'INVALID_PARAMETER_VALUE');
    }
    const batch = await daemon.mlflow('POST', 'runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'm', value: 1 }],
    });
    assert.equal(batch.status, 400);
    assert.match(batch.json.message, /timestamp/);
  });

  it('accepts a deliberately allowed host name, and only that one', async () => {
    const wide = await startTestDaemon({ extraHostnames: ['lens.internal'] });
    try {
      const ok = await wide.call('GET', '/api/2.0/mlflow/experiments/get', {
        query: { experiment_id: '0' },
        headers: { host: `lens.internal:${wide.port}` },
      });
      assert.equal(ok.status, 200);
      const other = await wide.call('GET', '/api/2.0/mlflow/experiments/get', {
        query: { experiment_id: '0' },
        headers: { host: `evil.example:${wide.port}` },
      });
      assert.equal(other.status, 403);
    } finally {
      await wide.close();
    }
  });

  it('never writes the token to the log', async () => {
    await getDefault({ authorization: `Bearer ${TEST_TOKEN}` });
    await getDefault({ authorization: 'Bearer wrong' });
    assert.ok(daemon.logLines.length > 0);
    assert.ok(daemon.logLines.every((line) => !line.includes(TEST_TOKEN)));
  });
});
