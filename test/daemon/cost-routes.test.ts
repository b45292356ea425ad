/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument -- wire tests read raw JSON replies and check them by value */
/**
 * The cost routes over real HTTP and SQLite: the price table from the data directory's
 * `gpu-prices.json` (else the defaults), the GPU-hours and cost of runs, the training cost of a
 * model version (its run and the finished runs before it), and clear errors for a malformed
 * price table, an unknown run and a version without a run.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type {
  GpuPricesResponse,
  ModelVersionTrainingCostResponse,
  TrainingRunCostsResponse,
} from '../../daemon/api/cost-contract.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';
import { HOUR, trainAndRegister, type Training } from './retraining-scenario.ts';

const COST_API = '/api/mlops-lens/v1/cost';

let daemon: TestDaemon;
let training: Training;
let earlierRun: string;
before(async () => {
  daemon = await startTestDaemon();
  training = await trainAndRegister(daemon, 'ranker', {
    digest: 'aa11',
    brier: 0.1,
    gpus: 8,
    gpuType: 'NVIDIA H100 80GB HBM3',
    hours: 5,
    seed: 1,
  });
  // An earlier finished attempt in the same experiment, on 2 L4s for 3 hours.
  const created = await daemon.mlflow('POST', 'runs/create', {
    experiment_id: training.experimentId,
    start_time: training.startTime - 6 * HOUR,
    tags: [
      { key: 'mlops_lens.gpu.count', value: '2' },
      { key: 'mlops_lens.gpu.type', value: 'NVIDIA L4' },
    ],
  });
  earlierRun = created.json.run.info.run_id as string;
  await daemon.mlflow('POST', 'runs/update', {
    run_id: earlierRun,
    status: 'FINISHED',
    end_time: training.startTime - 3 * HOUR,
  });
});
after(async () => daemon.close());

const pricesFile = () => path.join(daemon.dataDir, 'gpu-prices.json');

test('runs and versions are priced with the defaults, then with gpu-prices.json', async () => {
  const defaults = (await daemon.call('GET', `${COST_API}/gpu-prices`)).json as GpuPricesResponse;
  assert.equal(defaults.prices.source, 'defaults');
  assert.equal(defaults.prices.per_gpu_hour.H100, 3.5);

  const runs = (
    await daemon.call('GET', `${COST_API}/runs`, { query: { run_id: [training.runId, earlierRun] } })
  ).json as TrainingRunCostsResponse;
  assert.deepEqual(
    runs.runs.map((r) => [r.gpu_count, r.duration_hours, r.gpu_hours, r.price_key, r.cost, r.currency]),
    [
      [8, 5, 40, 'H100', 140, 'USD'],
      [2, 3, 6, 'L4', 4.8, 'USD'],
    ],
  );

  writeFileSync(pricesFile(), JSON.stringify({ currency: 'EUR', default: 1, per_gpu_hour: { H100: 2.25 } }));
  try {
    const version = await daemon.call('GET', `${COST_API}/model-versions`, {
      query: { name: 'ranker', version: '1' },
    });
    assert.equal(version.status, 200, version.text);
    const { cost } = version.json as ModelVersionTrainingCostResponse;
    assert.deepEqual(
      cost.runs.map((r) => [r.run_id, r.price_key, r.cost]),
      [
        [training.runId, 'H100', 90],
        [earlierRun, 'default', 6],
      ],
    );
    assert.deepEqual(
      [cost.gpu_hours, cost.cost, cost.last_run_gpu_hours, cost.last_run_cost, cost.currency],
      [46, 96, 40, 90, 'EUR'],
    );
    const table = (await daemon.call('GET', `${COST_API}/gpu-prices`)).json as GpuPricesResponse;
    assert.equal(table.prices.source, pricesFile());
  } finally {
    rmSync(pricesFile(), { force: true });
  }
});

test('a malformed price table, an unknown run and a version without a run are clear errors', async () => {
  writeFileSync(pricesFile(), JSON.stringify({ per_gpu_hour: { H100: 'cheap' } }));
  try {
    const malformed = await daemon.call('GET', `${COST_API}/runs`, { query: { run_id: training.runId } });
    assert.equal(malformed.status, 400);
    assert.match(malformed.json.message, /gpu-prices\.json is invalid: \/per_gpu_hour\/H100 must be number/);
  } finally {
    rmSync(pricesFile(), { force: true });
  }
  const unknown = await daemon.call('GET', `${COST_API}/runs`, { query: { run_id: 'f'.repeat(32) } });
  assert.equal(unknown.status, 404, unknown.text);
  const none = await daemon.call('GET', `${COST_API}/runs`);
  assert.equal(none.status, 400);
  assert.match(none.json.message, /Give 1 to 100 'run_id' values, not 0/);
  const noVersion = await daemon.call('GET', `${COST_API}/model-versions`, {
    query: { name: 'nobody', version: '1' },
  });
  assert.equal(noVersion.status, 404);
  assert.match(noVersion.json.message, /nobody@1 has no training run recorded/);
});

test('PUT gpu-prices replaces the table (as the editor setting does); a wrong table changes nothing', async () => {
  try {
    const set = await daemon.call('PUT', `${COST_API}/gpu-prices`, {
      body: { currency: 'EUR', default: 1.5, per_gpu_hour: { H100: 3 } },
    });
    assert.equal(set.status, 200, set.text);
    const { prices } = set.json as GpuPricesResponse;
    assert.deepEqual(
      [prices.currency, prices.default, prices.per_gpu_hour, prices.source],
      ['EUR', 1.5, { H100: 3 }, pricesFile()],
    );
    const runs = (await daemon.call('GET', `${COST_API}/runs`, { query: { run_id: training.runId } }))
      .json as TrainingRunCostsResponse;
    assert.deepEqual([runs.runs[0]?.cost, runs.runs[0]?.currency], [120, 'EUR']);

    for (const body of [{ per_gpu_hour: { H100: -1 } }, { per_gpu_hour: {} }, { prices: { H100: 3 } }]) {
      const refused = await daemon.call('PUT', `${COST_API}/gpu-prices`, { body });
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.match(refused.json.message, /^The GPU price table is invalid: .*Expected \{"currency"/);
    }
    const notObject = await daemon.call('PUT', `${COST_API}/gpu-prices`, { body: [1] });
    assert.equal(notObject.status, 400);
    assert.match(notObject.json.message, /must be a JSON object/);
    const kept = (await daemon.call('GET', `${COST_API}/gpu-prices`)).json as GpuPricesResponse;
    assert.deepEqual(kept.prices.per_gpu_hour, { H100: 3 });
  } finally {
    rmSync(pricesFile(), { force: true });
  }
});
