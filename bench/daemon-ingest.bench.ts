/**
 * Ingest through runs/log-batch (1,000 metrics a request, several requests in flight), and the
 * same rows inserted with raw better-sqlite3 into an equivalent table, in the same process run.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runConcurrently, type BenchDaemon } from './daemon-bench-process.ts';

export const POINTS_PER_REQUEST = 1000;
export const REQUESTS_IN_FLIGHT = 4;
const T0 = Date.UTC(2026, 0, 1);

export interface IngestResult {
  points: number;
  seconds: number;
  pointsPerSecond: number;
}

/** A training curve with noise, so values are not all alike. */
export function pointValue(key: string, step: number): number {
  const seed = key.length * 7919 + step;
  return 1 / Math.sqrt(1 + step / 1000) + ((seed * 2654435761) % 1000) / 1e5;
}

/** The body of request `index`: `keys` metrics per step, consecutive steps, 1,000 points. */
export function logBatchBody(runId: string, keys: readonly string[], index: number): string {
  const stepsPerRequest = POINTS_PER_REQUEST / keys.length;
  const parts: string[] = [];
  for (let s = 0; s < stepsPerRequest; s += 1) {
    const step = index * stepsPerRequest + s;
    for (const key of keys) {
      parts.push(`{"key":"${key}","value":${pointValue(key, step)},"timestamp":${T0 + step},"step":${step}}`);
    }
  }
  return `{"run_id":"${runId}","metrics":[${parts.join(',')}]}`;
}

/** Sends `requests` log-batch requests of 1,000 points; bodies are encoded before the clock starts. */
export async function ingestThroughLogBatch(
  daemon: BenchDaemon,
  runId: string,
  keys: readonly string[],
  requests: number,
): Promise<IngestResult> {
  const bodies = Array.from({ length: requests }, (_, i) => logBatchBody(runId, keys, i));
  const start = performance.now();
  await runConcurrently(requests, REQUESTS_IN_FLIGHT, (i) => daemon.post('runs/log-batch', bodies[i] ?? ''));
  const seconds = (performance.now() - start) / 1000;
  const points = requests * POINTS_PER_REQUEST;
  return { points, seconds, pointsPerSecond: points / seconds };
}

/**
 * The same rows into the daemon's `metrics` table definition (same unique index, WAL,
 * synchronous FULL), 1,000 rows per transaction: the ceiling for the daemon's ingest.
 */
export function rawInsertRate(
  dir: string,
  runId: string,
  keys: readonly string[],
  requests: number,
): IngestResult {
  const db = new Database(path.join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE metrics (
      id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, key TEXT NOT NULL, step INTEGER NOT NULL,
      timestamp INTEGER NOT NULL, value REAL NOT NULL, is_nan INTEGER NOT NULL DEFAULT 0);
    CREATE UNIQUE INDEX metrics_history ON metrics (run_id, key, step, timestamp, value, is_nan);`);
    const insert = db.prepare(
      'INSERT OR IGNORE INTO metrics (run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, 0)',
    );
    const stepsPerRequest = POINTS_PER_REQUEST / keys.length;
    const batch = db.transaction((index: number) => {
      for (let s = 0; s < stepsPerRequest; s += 1) {
        const step = index * stepsPerRequest + s;
        for (const key of keys) insert.run(runId, key, step, T0 + step, pointValue(key, step));
      }
    });
    const start = performance.now();
    for (let i = 0; i < requests; i += 1) batch(i);
    const seconds = (performance.now() - start) / 1000;
    const points = requests * POINTS_PER_REQUEST;
    return { points, seconds, pointsPerSecond: points / seconds };
  } finally {
    db.close();
  }
}
