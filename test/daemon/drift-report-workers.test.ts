/* eslint-disable @typescript-eslint/no-unsafe-member-access -- wire tests read raw JSON replies and check them by value */
/**
 * A large drift report over real HTTP and a real SQLite file is compared in the drift worker
 * threads: the daemon answers an MLflow request while the workers compare (checked by the
 * order of the answers, not by elapsed time), and the stored report holds exactly the
 * single-thread results for the same window and reference.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DriftReport, DriftValue } from '../../daemon/api/contract.ts';
import { datasetDrift } from '../../daemon/drift/dataset-drift.ts';
import { WORKER_MIN_VALUES } from '../../daemon/drift/drift-service.ts';
import { DriftWorkerPool } from '../../daemon/drift/worker-pool/drift-worker-pool.ts';
import type { DriftSample } from '../../daemon/store/drift-sample-records.ts';
import { normalSample, seededRandom } from '../drift/scipy-reference.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

const API = '/api/mlops-lens/v1';
const ROWS = 200_000;
const FEATURES = ['f0', 'f1', 'f2', 'f3', 'f4'];

const pool = new DriftWorkerPool(2);
const order: string[] = [];
let daemon: TestDaemon;

before(async () => {
  // While the workers compare, the daemon is asked for an experiment.
  const compare = pool.compare.bind(pool);
  pool.compare = (tasks) => {
    const asked = daemon.mlflow('GET', 'experiments/get', { experiment_id: '0' }).then((reply) => {
      assert.equal(reply.status, 200);
      order.push('mlflow answered');
    });
    return compare(tasks).then(async (results) => {
      order.push('workers done');
      await asked;
      return results;
    });
  };
  daemon = await startTestDaemon({ driftPool: pool });
});
after(async () => daemon.close());

test('the daemon answers an MLflow request while a large report is compared in the workers', async () => {
  assert.ok(ROWS * FEATURES.length >= WORKER_MIN_VALUES, 'the report is large enough for the workers');
  const random = seededRandom(41);
  const columns: Record<string, DriftValue[]> = {};
  for (const [k, name] of FEATURES.entries()) columns[name] = normalSample(random, 20_000, k, 1 + k);
  const baseline = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'big', model_version: '1', columns },
  });
  assert.equal(baseline.status, 200, baseline.text);
  const currents = FEATURES.map((_, k) => normalSample(random, ROWS, k + 0.05 * k, 1 + k));
  const samples: DriftSample[] = Array.from({ length: ROWS }, (_, i) => ({
    modelName: 'big',
    modelVersion: '1',
    time: 1_000_000 + i,
    features: Object.fromEntries(FEATURES.map((name, k) => [name, currents[k]?.[i] ?? null])),
  }));
  daemon.store.write(() => daemon.store.driftSamples.insert(samples));

  const reply = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'big', model_version: '1', last: ROWS },
  });
  assert.equal(reply.status, 200, reply.text);
  order.push('report answered');
  assert.deepEqual(order, ['mlflow answered', 'workers done', 'report answered']);

  const report = reply.json.report as DriftReport;
  const references = daemon.store.read(
    () => daemon.store.driftBaselines.load(report.reference.baseline_id ?? '').features,
  );
  const window = daemon.store.read(() => daemon.store.driftSamples.window('big', '1', { last: ROWS }));
  const here = datasetDrift(references, undefined, window);
  assert.deepEqual(report.features, here.features);
  assert.equal(report.drift_share, here.drift_share);
});
