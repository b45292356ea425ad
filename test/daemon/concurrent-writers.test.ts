/* eslint-disable @typescript-eslint/no-unsafe-member-access -- wire tests read raw JSON replies and check them by value */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

describe('concurrent writers', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon();
  });
  after(async () => daemon.close());

  async function countHistory(runId: string, key: string): Promise<number> {
    const res = await daemon.mlflow('GET', 'metrics/get-history', { run_id: runId, metric_key: key });
    return (res.json.metrics as unknown[]).length;
  }

  it('two writers logging at once, to their own runs and to a shared one, lose nothing', async () => {
    const shared = (await daemon.mlflow('POST', 'runs/create', { experiment_id: '0' })).json.run.info
      .run_id as string;
    const writer = async (name: string): Promise<string> => {
      const own = (await daemon.mlflow('POST', 'runs/create', { experiment_id: '0', run_name: name })).json
        .run.info.run_id as string;
      const requests: Promise<unknown>[] = [];
      for (let batch = 0; batch < 20; batch += 1) {
        const metrics = Array.from({ length: 50 }, (_, i) => ({
          key: 'loss',
          value: Math.random(),
          timestamp: batch,
          step: batch * 50 + i,
        }));
        // Several requests in flight per writer, interleaving with the other writer's.
        requests.push(daemon.mlflow('POST', 'runs/log-batch', { run_id: own, metrics }));
        requests.push(
          daemon.mlflow('POST', 'runs/log-batch', {
            run_id: shared,
            metrics: metrics.map((m) => ({ ...m, key: `loss_${name}` })),
            params: [{ key: `p_${name}_${batch}`, value: String(batch) }],
          }),
        );
        requests.push(
          daemon.mlflow('POST', 'runs/log-metric', {
            run_id: shared,
            key: 'both',
            value: batch,
            timestamp: Date.now(),
            step: batch,
          }),
        );
      }
      const results = (await Promise.all(requests)) as { status: number }[];
      assert.ok(results.every((r) => r.status === 200));
      return own;
    };
    const [a, b] = await Promise.all([writer('a'), writer('b')]);
    assert.equal(await countHistory(a, 'loss'), 1000);
    assert.equal(await countHistory(b, 'loss'), 1000);
    assert.equal(await countHistory(shared, 'loss_a'), 1000);
    assert.equal(await countHistory(shared, 'loss_b'), 1000);
    // Identical points from two writers are one point; distinct ones all stay.
    assert.ok((await countHistory(shared, 'both')) >= 20);
    const run = await daemon.mlflow('GET', 'runs/get', { run_id: shared });
    assert.equal((run.json.run.data.params as unknown[]).length, 40);
  });
});
