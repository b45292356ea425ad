/**
 * runs/search with a metric filter over 100,000 runs. The runs are written straight into the
 * daemon's SQLite file before the daemon starts: the file is created and migrated by the
 * daemon's own store module (`openTrackingStore`, which also creates the experiment), then
 * filled with one INSERT … SELECT per table, as 100k runs/create requests (or 100k store calls,
 * about a minute) would time the seeding rather than the search. The searches go over HTTP.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SearchRunsResponse } from '../daemon/api/contract.ts';
import { DATABASE_FILE } from '../daemon/process/run-daemon.ts';
import { openTrackingStore } from '../daemon/store/tracking-store.ts';
import { latencySummary, type BenchDaemon } from './daemon-bench-process.ts';

export const SEARCH_RUNS = 100_000;

/**
 * Writes `runs` finished runs, each with accuracy (uniform in [0, 1)) and loss as latest
 * metrics, two params and the run-name and user tags the daemon writes; returns the experiment.
 */
export function seedRuns(dataDir: string, runs: number): { experimentId: string; seconds: number } {
  const start = performance.now();
  const dbPath = path.join(dataDir, DATABASE_FILE);
  const store = openTrackingStore({ dbPath });
  const experimentId = store.createExperiment('sweep');
  store.close();
  const db = new Database(dbPath);
  try {
    const t0 = Date.UTC(2026, 0, 1);
    db.exec(`
      CREATE TEMP TABLE seed AS
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${runs})
        SELECT i, lower(hex(randomblob(16))) AS run_id, ${t0} + i * 60000 AS start_time,
               (abs(random()) % 1000000) / 1000000.0 AS accuracy,
               (abs(random()) % 2000000) / 1000000.0 AS loss
        FROM n;
      BEGIN;
      INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage)
        SELECT run_id, ${Number(experimentId)}, 'trial-' || i, 'bench', 'FINISHED', start_time, start_time + 30000,
               'mlflow-artifacts:/${experimentId}/' || run_id || '/artifacts', 'active' FROM seed;
      INSERT INTO tags (run_id, key, value) SELECT run_id, 'mlflow.runName', 'trial-' || i FROM seed;
      INSERT INTO tags (run_id, key, value) SELECT run_id, 'mlflow.user', 'bench' FROM seed;
      INSERT INTO params (run_id, key, value) SELECT run_id, 'lr', '0.00' || (1 + i % 9) FROM seed;
      INSERT INTO params (run_id, key, value) SELECT run_id, 'depth', CAST(2 + i % 10 AS TEXT) FROM seed;
      INSERT INTO metrics (run_id, key, step, timestamp, value)
        SELECT run_id, 'accuracy', 0, start_time + 1000, accuracy FROM seed
        UNION ALL SELECT run_id, 'loss', 0, start_time + 1000, loss FROM seed;
      INSERT INTO latest_metrics (run_id, key, step, timestamp, value)
        SELECT run_id, 'accuracy', 0, start_time + 1000, accuracy FROM seed
        UNION ALL SELECT run_id, 'loss', 0, start_time + 1000, loss FROM seed;
      COMMIT;
      DROP TABLE seed;
    `);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { experimentId, seconds: (performance.now() - start) / 1000 };
}

export interface SearchCase {
  label: string;
  filter: string;
  orderBy?: string[];
  maxResults: number;
}

export const SEARCH_CASES: readonly SearchCase[] = [
  {
    label: 'metrics.accuracy > 0.99 (~1% match), 100 per page',
    filter: 'metrics.accuracy > 0.99',
    maxResults: 100,
  },
  {
    label: 'metrics.accuracy > 0.5 (~50% match), 100 per page',
    filter: 'metrics.accuracy > 0.5',
    maxResults: 100,
  },
  {
    label: 'metrics.accuracy > 0.5, ordered by metrics.accuracy DESC, 100 per page',
    filter: 'metrics.accuracy > 0.5',
    orderBy: ['metrics.accuracy DESC'],
    maxResults: 100,
  },
  {
    label: 'metrics.accuracy > 0.5, 1,000 per page (MLflow default)',
    filter: 'metrics.accuracy > 0.5',
    maxResults: 1000,
  },
];

export async function searchLatency(
  daemon: BenchDaemon,
  experimentId: string,
  search: SearchCase,
  samples: number,
): Promise<{ text: string; p95: number; returned: number }> {
  const body = JSON.stringify({
    experiment_ids: [experimentId],
    filter: search.filter,
    order_by: search.orderBy ?? [],
    max_results: search.maxResults,
  });
  const first = JSON.parse(await daemon.post('runs/search', body)) as SearchRunsResponse;
  await daemon.post('runs/search', body);
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await daemon.post('runs/search', body);
    times.push(performance.now() - start);
  }
  const summary = latencySummary(times);
  return { text: summary.text, p95: summary.p95, returned: first.runs.length };
}
