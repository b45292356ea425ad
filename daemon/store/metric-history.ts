/**
 * A metric's full history, paginated, and optionally thinned on the server to at most
 * `maxPoints` points that keep the first and last points and each range's minimum and maximum,
 * so spikes survive and a chart of a million points stays fast (see bucketed-history.ts).
 */
import type Database from 'better-sqlite3';
import type { Metric } from '../api/contract.ts';
import { readBucketedHistory } from './bucketed-history.ts';
import { cutPage, decodePageToken } from './page-token.ts';
import { toMetric, type MetricRow } from './run-rows.ts';
import { invalidParameter } from './tracking-error.ts';
import { MAX_METRIC_HISTORY_PAGE, validateMaxResults } from './tracking-limits.ts';

export interface MetricHistoryQuery {
  runId: string;
  metricKey: string;
  maxResults?: number;
  pageToken?: string;
  maxPoints?: number;
}

export function readMetricHistory(
  db: Database.Database,
  query: MetricHistoryQuery,
): { metrics: Metric[]; nextPageToken?: string } {
  const order = 'ORDER BY step, timestamp, id';
  if (query.maxPoints !== undefined) {
    if (!Number.isInteger(query.maxPoints) || query.maxPoints < 4) {
      throw invalidParameter(
        `Invalid value ${query.maxPoints} for parameter 'max_points': expected an integer >= 4.`,
      );
    }
    const bucketed = readBucketedHistory(db, query.runId, query.metricKey, query.maxPoints);
    if (bucketed !== undefined) return { metrics: bucketed.map(toMetric) };
    // Few points, or all at one step: thin the points themselves.
    const rows = db
      .prepare(
        `SELECT key, value, is_nan, timestamp, step FROM metrics WHERE run_id = ? AND key = ? ${order}`,
      )
      .all(query.runId, query.metricKey) as MetricRow[];
    return { metrics: downsample(rows, query.maxPoints).map(toMetric) };
  }
  const limit = query.maxResults ?? MAX_METRIC_HISTORY_PAGE;
  validateMaxResults(limit, MAX_METRIC_HISTORY_PAGE);
  const offset = decodePageToken(query.pageToken);
  const rows = db
    .prepare(
      `SELECT key, value, is_nan, timestamp, step FROM metrics WHERE run_id = ? AND key = ? ${order} LIMIT ? OFFSET ?`,
    )
    .all(query.runId, query.metricKey, limit + 1, offset) as MetricRow[];
  const page = cutPage(rows, offset, limit);
  return { metrics: page.items.map(toMetric), nextPageToken: page.nextPageToken };
}

/** Keeps first, min, max and last of each of `maxPoints / 4` equal buckets, in order. */
export function downsample<T extends { value: number; is_nan: number }>(rows: T[], maxPoints: number): T[] {
  if (rows.length <= maxPoints) return rows;
  const buckets = Math.floor(maxPoints / 4);
  const out: T[] = [];
  for (let b = 0; b < buckets; b += 1) {
    const start = Math.floor((b * rows.length) / buckets);
    const end = Math.floor(((b + 1) * rows.length) / buckets);
    let min = -1;
    let max = -1;
    for (let i = start; i < end; i += 1) {
      const row = rows[i] as T;
      if (row.is_nan === 1) continue;
      if (min < 0 || row.value < (rows[min] as T).value) min = i;
      if (max < 0 || row.value > (rows[max] as T).value) max = i;
    }
    const keep = new Set([start, end - 1, ...(min >= 0 ? [min, max] : [])]);
    for (const index of [...keep].sort((a, b2) => a - b2)) out.push(rows[index] as T);
  }
  return out;
}
