/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- wire helpers read raw JSON replies */
/**
 * A model's life over the real HTTP API, for the attribution and retraining tests: a training
 * run (its dataset, GPUs, duration and Brier score), the registered version, the baseline of its
 * training rows, then production samples, delayed labels and drift reports.
 */
import assert from 'node:assert/strict';
import { seededRandom } from '../robustness/seeded-random.ts';
import type { DaemonCalls } from './daemon-harness.ts';

/** What the helpers call: the in-process test daemon, or a daemon process through the same calls. */
export type { DaemonCalls };

export const API = '/api/mlops-lens/v1';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const ROWS = 600;

export type Row = Record<string, number | string | null>;

/** Training-like rows: four numbers and a plan; `shift` moves `amount` (and, with `all`, every number). */
export function rows(seed: number, options: { shift?: number; all?: boolean } = {}): Row[] {
  const random = seededRandom(seed);
  const shift = options.shift ?? 0;
  const plans = ['basic', 'pro', 'team'];
  return Array.from({ length: ROWS }, () => ({
    amount: Math.round(random() * 1000) / 10 + shift,
    tenure: Math.round(random() * 600) / 10 + (options.all ? shift : 0),
    visits: Math.round(random() * 300) / 10 + (options.all ? shift : 0),
    score: Math.round(random() * 100) / 100 + (options.all ? shift : 0),
    plan: plans[Math.floor(random() * 3)] ?? 'basic',
  }));
}

export function columnsOf(table: readonly Row[]): Record<string, (number | string | null)[]> {
  const columns: Record<string, (number | string | null)[]> = {};
  for (const row of table)
    for (const [key, value] of Object.entries(row)) (columns[key] ??= []).push(value ?? null);
  return columns;
}

export interface Training {
  experimentId: string;
  runId: string;
  startTime: number;
}

/** A finished training run that read `<name>-orders@digest` on `gpus` GPUs for `hours`, registered as `<name>` version 1. */
export async function trainAndRegister(
  daemon: DaemonCalls,
  name: string,
  options: { digest: string; brier: number; gpus?: number; gpuType?: string; hours: number; seed: number },
): Promise<Training> {
  const experiment = await daemon.mlflow('POST', 'experiments/create', { name: `${name}-training` });
  assert.equal(experiment.status, 200, experiment.text);
  const experimentId = experiment.json.experiment_id as string;
  const startTime = Date.now() - 30 * DAY;
  const tags = [];
  if (options.gpus !== undefined) tags.push({ key: 'mlops_lens.gpu.count', value: String(options.gpus) });
  if (options.gpuType !== undefined) tags.push({ key: 'mlops_lens.gpu.type', value: options.gpuType });
  const run = await daemon.mlflow('POST', 'runs/create', {
    experiment_id: experimentId,
    start_time: startTime,
    tags,
  });
  assert.equal(run.status, 200, run.text);
  const runId = run.json.run.info.run_id as string;
  await logDataset(daemon, runId, `${name}-orders`, options.digest);
  const metric = await daemon.mlflow('POST', 'runs/log-metric', {
    run_id: runId,
    key: 'brier',
    value: options.brier,
    timestamp: startTime,
    step: 0,
  });
  assert.equal(metric.status, 200, metric.text);
  const finished = await daemon.mlflow('POST', 'runs/update', {
    run_id: runId,
    status: 'FINISHED',
    end_time: startTime + options.hours * HOUR,
  });
  assert.equal(finished.status, 200, finished.text);
  await daemon.mlflow('POST', 'registered-models/create', { name });
  const version = await daemon.mlflow('POST', 'model-versions/create', {
    name,
    source: `runs:/${runId}/model`,
    run_id: runId,
  });
  assert.equal(version.status, 200, version.text);
  const baseline = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: name, model_version: '1', run_id: runId, columns: columnsOf(rows(options.seed)) },
  });
  assert.equal(baseline.status, 200, baseline.text);
  return { experimentId, runId, startTime };
}

/** A later run (a data pipeline's) that logged `<name>-orders` with another digest. */
export async function logNewerDataset(
  daemon: DaemonCalls,
  name: string,
  experimentId: string,
  digest: string,
): Promise<string> {
  const run = await daemon.mlflow('POST', 'runs/create', {
    experiment_id: experimentId,
    start_time: Date.now() - DAY,
    run_name: 'orders-etl',
  });
  assert.equal(run.status, 200, run.text);
  const runId = run.json.run.info.run_id as string;
  await logDataset(daemon, runId, `${name}-orders`, digest);
  return runId;
}

async function logDataset(
  daemon: DaemonCalls,
  runId: string,
  dataset: string,
  digest: string,
): Promise<void> {
  const logged = await daemon.mlflow('POST', 'runs/log-inputs', {
    run_id: runId,
    datasets: [
      {
        tags: [{ key: 'mlflow.data.context', value: 'training' }],
        dataset: { name: dataset, digest, source_type: 'local', source: '{"uri": "/data/orders.parquet"}' },
      },
    ],
  });
  assert.equal(logged.status, 200, logged.text);
}

/** Samples one second apart from `start`; with `probability`, each is a prediction with an id. */
export async function pushSamples(
  daemon: DaemonCalls,
  name: string,
  table: readonly Row[],
  start: number,
  probability?: number,
): Promise<void> {
  const lines = table.map((features, i) =>
    JSON.stringify({
      model_name: name,
      model_version: '1',
      timestamp: start + i * 1000,
      features,
      ...(probability === undefined
        ? {}
        : { prediction: probability, prediction_id: `${name}-${start}-${i}` }),
    }),
  );
  const pushed = await daemon.call('POST', `${API}/drift/samples`, {
    rawBody: lines.join('\n'),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  assert.equal(pushed.status, 200, pushed.text);
  assert.equal(pushed.json.accepted, table.length, pushed.text);
}

/** Labels for the first `count` predictions pushed from `start`: 1 for the first `positives`, then 0. */
export async function pushLabels(
  daemon: DaemonCalls,
  name: string,
  start: number,
  count: number,
  positives: number,
): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ prediction_id: `${name}-${start}-${i}`, label: i < positives ? 1 : 0 }),
  );
  const pushed = await daemon.call('POST', `${API}/outcomes/labels`, {
    rawBody: lines.join('\n'),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  assert.equal(pushed.status, 200, pushed.text);
  assert.equal(pushed.json.accepted, count, pushed.text);
}

/** A drift report of [from, from + ROWS s) against the recorded baseline. */
export async function driftReport(
  daemon: DaemonCalls,
  name: string,
  from: number,
): Promise<{ report_id: string }> {
  const report = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: name, model_version: '1', from, to: from + ROWS * 1000 },
  });
  assert.equal(report.status, 200, report.text);
  return report.json.report;
}
