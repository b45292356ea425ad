/**
 * Data quality and delayed outcomes. (1) The schema checks over a frame of 100 columns ×
 * 1,000,000 rows (90 numerical with nulls and values out of range, 10 categorical with an
 * unseen category), target ≤ 1 s. (2) The label join of 10,000,000 logged predictions with
 * 1,000,000 late labels in a real SQLite file (the product's path: labels first, each
 * prediction found through the prediction id index; the window's count from the version-time
 * index), then the outcome metrics; target ≤ 5 s, with the process's RSS. CPU time is given
 * beside wall time because the machine may be shared; building the data is not counted.
 * MLOPS_LENS_BENCH_PREDICTIONS and MLOPS_LENS_BENCH_LABELS change the join's sizes.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DataSchema } from '../daemon/api/contract.ts';
import { outcomeMetrics } from '../daemon/outcomes/outcome-metrics.ts';
import { KIND_NULL, KIND_NUMBER, KIND_STRING, type FrameColumn } from '../daemon/quality/frame-columns.ts';
import { checkFrame } from '../daemon/quality/schema-checks.ts';
import { openTrackingStore } from '../daemon/store/tracking-store.ts';
import { tempDir } from '../test/daemon/daemon-harness.ts';
import type { BenchRow } from './table.ts';

const NUMERIC_COLUMNS = 90;
const CATEGORICAL_COLUMNS = 10;
const ROWS = 1_000_000;
const PREDICTIONS = Number(process.env.MLOPS_LENS_BENCH_PREDICTIONS ?? 10_000_000);
const LABELS = Number(process.env.MLOPS_LENS_BENCH_LABELS ?? 1_000_000);
const CATEGORIES = Array.from({ length: 20 }, (_, i) => `category-${i}`);

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function timed<T>(work: () => T): { result: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = work();
  return { result, wallMs: performance.now() - start, cpuMs: cpuMs(cpu) };
}

function qualityFrame(): { columns: Map<string, FrameColumn>; schema: DataSchema } {
  const columns = new Map<string, FrameColumn>();
  const schema: DataSchema = { row_count: ROWS, columns: [] };
  for (let c = 0; c < NUMERIC_COLUMNS; c += 1) {
    const kinds = new Uint8Array(ROWS).fill(KIND_NUMBER);
    const numbers = new Float64Array(ROWS);
    for (let row = 0; row < ROWS; row += 1) {
      numbers[row] = (row * 7919 + c) % 1000;
      if ((row + c) % 997 === 0) kinds[row] = KIND_NULL;
    }
    columns.set(`n${c}`, { kinds, numbers, dictionary: [] });
    schema.columns.push({ name: `n${c}`, type: 'number', null_rate: 0.001, min: 0, max: 990 });
  }
  for (let c = 0; c < CATEGORICAL_COLUMNS; c += 1) {
    const kinds = new Uint8Array(ROWS).fill(KIND_STRING);
    const codes = new Int32Array(ROWS);
    for (let row = 0; row < ROWS; row += 1) codes[row] = (row + c) % CATEGORIES.length;
    columns.set(`c${c}`, { kinds, codes, dictionary: CATEGORIES });
    const known = CATEGORIES.slice(0, -1);
    schema.columns.push({
      name: `c${c}`,
      type: 'string',
      null_rate: 0,
      categories: known,
      min_length: 10,
      max_length: 11,
    });
  }
  return { columns, schema };
}

function benchChecks(): BenchRow[] {
  const { columns, schema } = qualityFrame();
  const run = () => timed(() => checkFrame({ rowCount: ROWS, columns }, schema, undefined));
  run(); // warm-up
  const { result, wallMs, cpuMs: cpu } = run();
  const failed = result.filter((check) => check.verdict === 'fail').length;
  return [
    {
      area: 'quality',
      measure: `schema checks, ${NUMERIC_COLUMNS + CATEGORICAL_COLUMNS} columns × ${ROWS / 1e6}M rows`,
      value: `${wallMs.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`,
      target: '≤ 1 s',
      note: `${result.length} checks, ${failed} failed; load ${loadavg()[0]?.toFixed(1)} on the machine`,
    },
  ];
}

function benchLabelJoin(): BenchRow[] {
  const dir = tempDir('mlops-lens-bench-outcomes-');
  const dbPath = path.join(dir, 'tracking.db');
  openTrackingStore({ dbPath }).close();
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  const start = Date.UTC(2026, 0, 1);
  db.transaction(() => {
    const sample = db.prepare(
      `INSERT INTO drift_samples (model_name, model_version, time, prediction_id, features, prediction, received_time)
       VALUES ('churn', '1', ?, ?, '{}', ?, ?)`,
    );
    for (let i = 0; i < PREDICTIONS; i += 1) sample.run(start + i, `p${i}`, String((i % 1000) / 1000), start);
    const label = db.prepare(
      'INSERT INTO outcome_labels (prediction_id, label, label_time, received_time) VALUES (?, ?, ?, ?)',
    );
    const stride = Math.floor(PREDICTIONS / LABELS);
    for (let j = 0; j < LABELS; j += 1) label.run(`p${j * stride}`, String(j % 2), start, start);
  })();
  db.close();
  const store = openTrackingStore({ dbPath });
  const window = { from: start, to: start + PREDICTIONS };
  const {
    result,
    wallMs,
    cpuMs: cpu,
  } = timed(() => {
    const labelled = store.read(() => store.outcomeLabels.labelled('churn', '1', window));
    const total = store.read(() => store.outcomeLabels.predictionCount('churn', '1', window));
    return outcomeMetrics(labelled, undefined, total, 'classification', start + PREDICTIONS);
  });
  const rss = process.memoryUsage().rss;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      area: 'outcomes',
      measure: `label join, ${PREDICTIONS / 1e6}M predictions × ${LABELS / 1e6}M late labels (SQLite)`,
      value: `${wallMs.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`,
      target: '≤ 5 s',
      note: `${result.labelled} joined, unlabelled ${(result.unlabelled_share * 100).toFixed(0)}%; RSS ${(rss / 2 ** 20).toFixed(0)} MiB`,
    },
  ];
}

export function benchQuality(): BenchRow[] {
  return [...benchChecks(), ...benchLabelJoin()];
}
