/* eslint-disable @typescript-eslint/no-unsafe-member-access -- wire tests read raw JSON replies and check them by value */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

describe('a full database over HTTP', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon({ maxDatabaseBytes: 512 * 1024 });
  });
  after(async () => daemon.close());

  it('answers a clear error instead of corrupting, and keeps serving reads', async () => {
    const runId = (await daemon.mlflow('POST', 'runs/create', { experiment_id: '0' })).json.run.info
      .run_id as string;
    let acknowledged = 0;
    let refusal: { status: number; json: { error_code: string; message: string } } | undefined;
    for (let batch = 0; batch < 500 && refusal === undefined; batch += 1) {
      const metrics = Array.from({ length: 200 }, (_, i) => ({
        key: 'm',
        value: Math.random(),
        timestamp: batch,
        step: batch * 200 + i,
      }));
      const res = await daemon.mlflow('POST', 'runs/log-batch', { run_id: runId, metrics });
      if (res.status === 200) acknowledged += 200;
      else refusal = res;
    }
    assert.ok(refusal !== undefined, 'the size cap was reached');
    assert.equal(refusal.status, 507);
    assert.equal(refusal.json.error_code, 'RESOURCE_EXHAUSTED');
    assert.match(refusal.json.message, /full/);
    const history = await daemon.mlflow('GET', 'metrics/get-history', { run_id: runId, metric_key: 'm' });
    assert.equal(history.status, 200);
    assert.equal(history.json.metrics.length, acknowledged);
  });
});
