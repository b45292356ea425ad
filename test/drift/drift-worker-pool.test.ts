/**
 * The drift worker pool: numerical features compared in worker threads give exactly the
 * results of the single-thread path (whose statistics the scipy tests check), columns move to
 * the workers instead of being copied, a worker's error comes back as the same error, the main
 * thread keeps running while the workers compare, and a closed pool refuses work.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { DriftValue } from '../../daemon/api/contract.ts';
import { datasetDrift, datasetDriftInWorkers } from '../../daemon/drift/dataset-drift.ts';
import { summarizeColumn, type ReferenceSummary } from '../../daemon/drift/reference-summary.ts';
import { DriftWorkerPool } from '../../daemon/drift/worker-pool/drift-worker-pool.ts';
import type { NumericFeatureTask } from '../../daemon/drift/worker-pool/numeric-feature-task.ts';
import type { WindowSample } from '../../daemon/store/drift-sample-records.ts';
import { TrackingError } from '../../daemon/store/tracking-error.ts';
import { normalSample, seededRandom } from './scipy-reference.ts';

const pool = new DriftWorkerPool(2);
after(async () => pool.close());

interface Dataset {
  references: Map<string, ReferenceSummary>;
  samples: WindowSample[];
}

/** Shifted normals, ties, a constant column, missing values, a tiny binary feature, categories and the prediction. */
function dataset(rows: number, seed: number): Dataset {
  const random = seededRandom(seed);
  const reference: Record<string, DriftValue[]> = {
    income: normalSample(random, 20_000, 50, 10),
    age: normalSample(random, 20_000, 40, 12).map((v) => Math.round(v)),
    constant: Array.from({ length: 20_000 }, () => 3),
    clicks: normalSample(random, 20_000, 5, 2).map((v, i) => (i % 9 === 0 ? null : v)),
    flag: Array.from({ length: 20_000 }, () => (random() < 0.3 ? 1 : 0)),
    plan: Array.from({ length: 20_000 }, () => (random() < 0.5 ? 'pro' : 'basic')),
    score: normalSample(random, 20_000, 0.4, 0.1),
  };
  const references = new Map<string, ReferenceSummary>(
    Object.entries(reference).map(([name, values]) => [
      name,
      summarizeColumn(name, values, name === 'plan' ? 'categorical' : 'numerical'),
    ]),
  );
  const income = normalSample(random, rows, 51, 10);
  const age = normalSample(random, rows, 41, 12);
  const clicks = normalSample(random, rows, 5.2, 2);
  const score = normalSample(random, rows, 0.45, 0.1);
  const samples = income.map((value, i) => ({
    time: i,
    features: {
      income: value,
      age: Math.round(age[i] as number),
      constant: 3,
      clicks: i % 7 === 0 ? null : (clicks[i] as number),
      flag: random() < 0.35 ? 1 : 0,
      plan: random() < 0.55 ? 'pro' : 'basic',
    },
    prediction: score[i],
  }));
  return { references, samples };
}

test('the workers give exactly the single-thread results, feature by feature and in order', async () => {
  for (const rows of [1, 2, 40, 50_000]) {
    const { references, samples } = dataset(rows, 100 + rows);
    const specs = { age: { stattest: 'ks' as const }, income: { stattest: 'psi' as const } };
    const here = datasetDrift(references, 'score', samples, specs);
    const there = await datasetDriftInWorkers(pool, references, 'score', samples, specs);
    assert.deepEqual(there, here, `${rows} rows`);
    assert.deepEqual(
      there.features.map((f) => f.feature),
      [...references.keys()],
    );
  }
});

test('columns move to the workers; the caller keeps no copy', async () => {
  const { references } = dataset(10, 7);
  const reference = references.get('income');
  assert.equal(reference?.type, 'numerical');
  if (reference?.type !== 'numerical') return;
  const current = Float64Array.from(normalSample(seededRandom(8), 100_000, 50, 10));
  const task: NumericFeatureTask = {
    feature: 'income',
    reference,
    current,
    spec: undefined,
    isPrediction: false,
  };
  const [result] = await pool.compare([task]);
  assert.equal(result?.current_count, 100_000);
  assert.equal(current.length, 0, 'the column buffer was transferred, not cloned');
  assert.equal(reference.points.length, 10_000, 'the reference summary stays with the caller');
});

test("a worker's error comes back as the same error, and the pool keeps working", async () => {
  const { references, samples } = dataset(100, 9);
  await assert.rejects(
    datasetDriftInWorkers(pool, references, 'score', samples, { income: { stattest: 'z' } }),
    (error: unknown) =>
      error instanceof TrackingError &&
      error.code === 'INVALID_PARAMETER_VALUE' &&
      /'income' has more than two values/.test(error.message),
  );
  const again = await datasetDriftInWorkers(pool, references, 'score', samples);
  assert.equal(again.features.length, references.size);
});

test('the main thread runs other work while the workers compare', async () => {
  const { references, samples } = dataset(200_000, 11);
  const order: string[] = [];
  const comparing = datasetDriftInWorkers(pool, references, 'score', samples).then(() =>
    order.push('compared'),
  );
  // Queued after the columns were handed over: runs only if the main thread is not comparing.
  setImmediate(() => order.push('main thread turn'));
  await comparing;
  assert.deepEqual(order, ['main thread turn', 'compared']);
});

test('a closed pool rejects what is in flight and refuses new work', async () => {
  const closing = new DriftWorkerPool(1);
  const { references, samples } = dataset(200_000, 12);
  const inFlight = assert.rejects(
    datasetDriftInWorkers(closing, references, 'score', samples),
    /drift workers were stopped/,
  );
  await closing.close();
  await inFlight;
  await assert.rejects(
    datasetDriftInWorkers(closing, references, 'score', samples),
    /drift workers are stopped/,
  );
});
