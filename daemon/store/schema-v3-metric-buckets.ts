/**
 * Migration 3: per-metric step buckets at widths 256, 4096, 65536 and 1048576 steps, each
 * with its point count and its minimum and maximum points. A downsampled history reads at
 * most a few thousand bucket rows instead of every point.
 */
import type Database from 'better-sqlite3';
import { BucketAccumulator } from './metric-buckets.ts';

export const metricBucketsSchemaV3 = `
CREATE TABLE metric_buckets (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  width INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  count INTEGER NOT NULL,
  min_value REAL,
  min_step INTEGER,
  min_timestamp INTEGER,
  max_value REAL,
  max_step INTEGER,
  max_timestamp INTEGER,
  PRIMARY KEY (run_id, key, width, bucket)
) WITHOUT ROWID;
`;

/** Builds the buckets of the points already stored, streaming them once. */
export function backfillMetricBuckets(db: Database.Database): void {
  const rows = db
    .prepare('SELECT run_id, key, step, timestamp, value, is_nan FROM metrics ORDER BY run_id, key')
    .iterate() as IterableIterator<{
    run_id: string;
    key: string;
    step: number;
    timestamp: number;
    value: number;
    is_nan: number;
  }>;
  let current: { runId: string; key: string; buckets: BucketAccumulator } | undefined;
  const pending: { runId: string; buckets: BucketAccumulator }[] = [];
  for (const row of rows) {
    if (current === undefined || current.runId !== row.run_id || current.key !== row.key) {
      current = { runId: row.run_id, key: row.key, buckets: new BucketAccumulator() };
      pending.push(current);
    }
    current.buckets.add(row.key, row.step, row.timestamp, row.value, row.is_nan === 1);
  }
  for (const { runId, buckets } of pending) buckets.flush(db, runId);
}
