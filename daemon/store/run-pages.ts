/** The Runs view's list: an experiment's active runs, newest first, with a few latest metrics. */
import type Database from 'better-sqlite3';
import type { RunPageResponse, RunStatus, RunSummary } from '../api/contract.ts';
import { parseExperimentId } from './experiment-store.ts';
import { decodeKeysetToken, encodeKeysetToken } from './keyset-token.ts';
import { notFound } from './tracking-error.ts';
import { validateMaxResults } from './tracking-limits.ts';

export const DEFAULT_RUN_PAGE_SIZE = 50;
export const MAX_RUN_PAGE_SIZE = 1000;
/** Key metrics shown when the caller names none: the first few by name, system metrics aside. */
export const DEFAULT_KEY_METRICS = 4;

export interface RunPageQuery {
  experimentId: string;
  maxResults?: number;
  pageToken?: string;
  /** The metrics to show; empty for the default few. */
  metricKeys?: string[];
}

interface RunPageRow {
  run_id: string;
  run_name: string;
  experiment_id: number;
  status: RunStatus;
  start_time: number;
  end_time: number | null;
  user_id: string;
}

export function readRunPage(db: Database.Database, query: RunPageQuery): RunPageResponse {
  const limit = query.maxResults ?? DEFAULT_RUN_PAGE_SIZE;
  validateMaxResults(limit, MAX_RUN_PAGE_SIZE);
  const experimentId = parseExperimentId(query.experimentId);
  if (db.prepare('SELECT 1 FROM experiments WHERE experiment_id = ?').get(experimentId) === undefined)
    throw notFound(`No Experiment with id=${query.experimentId} exists`);
  const after = decodeKeysetToken(query.pageToken, { start_time: 0, run_id: '' });
  const rows = db
    .prepare(
      `SELECT run_id, run_name, experiment_id, status, start_time, end_time, user_id FROM runs
        WHERE experiment_id = ? AND lifecycle_stage = 'active'
          ${after === undefined ? '' : 'AND (start_time < ? OR (start_time = ? AND run_id < ?))'}
        ORDER BY start_time DESC, run_id DESC LIMIT ?`,
    )
    .all(
      experimentId,
      ...(after === undefined ? [] : [after.start_time, after.start_time, after.run_id]),
      limit + 1,
    ) as RunPageRow[];
  const page = rows.slice(0, limit);
  const metrics = db.prepare(
    `SELECT key, value, is_nan, step FROM latest_metrics WHERE run_id = ? ORDER BY key`,
  );
  const runs = page.map((row): RunSummary => {
    const latest = metrics.all(row.run_id) as { key: string; value: number; is_nan: number; step: number }[];
    const wanted = query.metricKeys ?? [];
    const chosen =
      wanted.length > 0
        ? latest.filter((m) => wanted.includes(m.key))
        : latest.filter((m) => !m.key.startsWith('system/')).slice(0, DEFAULT_KEY_METRICS);
    const summary: RunSummary = {
      run_id: row.run_id,
      run_name: row.run_name,
      experiment_id: String(row.experiment_id),
      status: row.status,
      start_time: row.start_time,
      user_id: row.user_id,
      key_metrics: chosen.map((m) => ({ key: m.key, value: m.is_nan === 1 ? 'NaN' : m.value, step: m.step })),
    };
    if (row.end_time !== null) summary.end_time = row.end_time;
    return summary;
  });
  const last = page.at(-1);
  return rows.length > limit && last !== undefined
    ? { runs, next_page_token: encodeKeysetToken({ start_time: last.start_time, run_id: last.run_id }) }
    : { runs };
}
