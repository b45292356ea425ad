/**
 * Step buckets of metric histories, kept up to date as points arrive. Each batch is folded in
 * memory first, so a batch of consecutive steps touches a handful of bucket rows per width.
 */
import type Database from 'better-sqlite3';

/** Coarse enough that a batch of 1,000 steps touches a few rows per key and width. */
export const BUCKET_WIDTHS: readonly number[] = [256, 4096, 65536, 1048576];

interface Bucket {
  key: string;
  width: number;
  bucket: number;
  count: number;
  min?: { value: number; step: number; timestamp: number };
  max?: { value: number; step: number; timestamp: number };
}

export interface BucketRow {
  bucket: number;
  count: number;
  min_value: number | null;
  min_step: number | null;
  min_timestamp: number | null;
  max_value: number | null;
  max_step: number | null;
  max_timestamp: number | null;
}

export class BucketAccumulator {
  readonly #buckets = new Map<string, Bucket>();
  /** Per key, the bucket last touched at each width: consecutive steps mostly hit it again. */
  readonly #recent = new Map<string, (Bucket | undefined)[]>();

  /** Adds one newly stored point (duplicates that were ignored must not be added). */
  add(key: string, step: number, timestamp: number, value: number, isNan: boolean): void {
    let recent = this.#recent.get(key);
    if (recent === undefined) {
      recent = [];
      this.#recent.set(key, recent);
    }
    for (let w = 0; w < BUCKET_WIDTHS.length; w += 1) {
      const width = BUCKET_WIDTHS[w] ?? 1;
      const bucket = Math.floor(step / width);
      let entry = recent[w];
      if (entry === undefined || entry.bucket !== bucket) {
        const id = `${width}\u0000${bucket}\u0000${key}`;
        entry = this.#buckets.get(id);
        if (entry === undefined) {
          entry = { key, width, bucket, count: 0 };
          this.#buckets.set(id, entry);
        }
        recent[w] = entry;
      }
      entry.count += 1;
      if (isNan) continue;
      if (entry.min === undefined || value < entry.min.value) entry.min = { value, step, timestamp };
      if (entry.max === undefined || value > entry.max.value) entry.max = { value, step, timestamp };
    }
  }

  flush(db: Database.Database, runId: string): void {
    if (this.#buckets.size === 0) return;
    const upsert = upsertStatement(db);
    for (const b of this.#buckets.values()) {
      upsert.run(
        runId,
        b.key,
        b.width,
        b.bucket,
        b.count,
        b.min?.value ?? null,
        b.min?.step ?? null,
        b.min?.timestamp ?? null,
        b.max?.value ?? null,
        b.max?.step ?? null,
        b.max?.timestamp ?? null,
      );
    }
    this.#buckets.clear();
    this.#recent.clear();
  }
}

const upserts = new WeakMap<Database.Database, Database.Statement>();

function upsertStatement(db: Database.Database): Database.Statement {
  let statement = upserts.get(db);
  if (statement === undefined) {
    statement =
      db.prepare(`INSERT INTO metric_buckets (run_id, key, width, bucket, count, min_value, min_step, min_timestamp, max_value, max_step, max_timestamp)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, key, width, bucket) DO UPDATE SET
         count = count + excluded.count,
         min_step = CASE WHEN excluded.min_value < min_value OR min_value IS NULL THEN excluded.min_step ELSE min_step END,
         min_timestamp = CASE WHEN excluded.min_value < min_value OR min_value IS NULL THEN excluded.min_timestamp ELSE min_timestamp END,
         min_value = CASE WHEN excluded.min_value < min_value OR min_value IS NULL THEN excluded.min_value ELSE min_value END,
         max_step = CASE WHEN excluded.max_value > max_value OR max_value IS NULL THEN excluded.max_step ELSE max_step END,
         max_timestamp = CASE WHEN excluded.max_value > max_value OR max_value IS NULL THEN excluded.max_timestamp ELSE max_timestamp END,
         max_value = CASE WHEN excluded.max_value > max_value OR max_value IS NULL THEN excluded.max_value ELSE max_value END`);
    upserts.set(db, statement);
  }
  return statement;
}
