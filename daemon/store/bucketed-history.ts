/**
 * A downsampled metric history read from step buckets: the first and last points, and the
 * minimum and maximum of each of at most `(maxPoints - 2) / 2` step ranges, in step order.
 * The cost depends on the number of buckets read (a few thousand), not on the history's size.
 */
import type Database from 'better-sqlite3';
import { BUCKET_WIDTHS, type BucketRow } from './metric-buckets.ts';
import type { MetricRow } from './run-rows.ts';

const LARGEST_WIDTH = BUCKET_WIDTHS[BUCKET_WIDTHS.length - 1] ?? 1;
export const POINT_BY_POINT_LIMIT = 20000;

/** undefined when the buckets cannot help: few points (thin them one by one) or a single step. */
export function readBucketedHistory(
  db: Database.Database,
  runId: string,
  key: string,
  maxPoints: number,
): MetricRow[] | undefined {
  const total = db
    .prepare('SELECT coalesce(sum(count), 0) FROM metric_buckets WHERE run_id = ? AND key = ? AND width = ?')
    .pluck()
    .get(runId, key, LARGEST_WIDTH) as number;
  // Up to this many points, thinning the points themselves is fast and finer than buckets.
  if (total <= Math.max(maxPoints, POINT_BY_POINT_LIMIT)) return undefined;
  const endpoint = (direction: 'ASC' | 'DESC'): MetricRow =>
    db
      .prepare(
        `SELECT key, value, is_nan, timestamp, step FROM metrics WHERE run_id = ? AND key = ?
         ORDER BY step ${direction}, timestamp ${direction}, id ${direction} LIMIT 1`,
      )
      .get(runId, key) as MetricRow;
  const first = endpoint('ASC');
  const last = endpoint('DESC');
  if (first.step === last.step) return undefined;

  const groups = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const span = (width: number): number => Math.floor(last.step / width) - Math.floor(first.step / width) + 1;
  // The finest width with at most a few thousand buckets; they are then merged into groups.
  const readable = Math.max(groups, 4096);
  const width = BUCKET_WIDTHS.find((w) => span(w) <= readable) ?? LARGEST_WIDTH;
  const buckets = db
    .prepare('SELECT * FROM metric_buckets WHERE run_id = ? AND key = ? AND width = ? ORDER BY bucket')
    .all(runId, key, width) as BucketRow[];

  const points: MetricRow[] = [first];
  const firstBucket = Math.floor(first.step / width);
  const bucketsPerGroup = Math.ceil(span(width) / groups);
  let group: BucketRow[] = [];
  let groupIndex = -1;
  const emit = (): void => {
    const extremes = extremesOf(key, group).filter((p) => !samePoint(p, first) && !samePoint(p, last));
    points.push(...extremes);
    group = [];
  };
  for (const bucket of buckets) {
    const index = Math.floor((bucket.bucket - firstBucket) / bucketsPerGroup);
    if (index !== groupIndex && group.length > 0) emit();
    groupIndex = index;
    group.push(bucket);
  }
  if (group.length > 0) emit();
  points.push(last);
  return points;
}

function extremesOf(key: string, buckets: BucketRow[]): MetricRow[] {
  let min: MetricRow | undefined;
  let max: MetricRow | undefined;
  for (const b of buckets) {
    if (b.min_value !== null && (min === undefined || b.min_value < min.value)) {
      min = { key, value: b.min_value, is_nan: 0, step: b.min_step ?? 0, timestamp: b.min_timestamp ?? 0 };
    }
    if (b.max_value !== null && (max === undefined || b.max_value > max.value)) {
      max = { key, value: b.max_value, is_nan: 0, step: b.max_step ?? 0, timestamp: b.max_timestamp ?? 0 };
    }
  }
  if (min === undefined || max === undefined) return [];
  if (samePoint(min, max)) return [min];
  return min.step <= max.step ? [min, max] : [max, min];
}

function samePoint(a: MetricRow, b: MetricRow): boolean {
  return a.step === b.step && a.timestamp === b.timestamp && a.value === b.value && a.is_nan === b.is_nan;
}
