import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../daemon/store/database.ts';
import { migrations } from '../../daemon/store/migrations.ts';
import type { MetricPoint } from '../../daemon/store/run-logging.ts';
import { openTrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from './daemon-harness.ts';

function series(n: number, key = 'loss'): MetricPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    key,
    step: i * 3 - 600,
    timestamp: 1_700_000_000_000 + i,
    value: i === 4321 ? 1e6 : i === 777 ? -1e6 : i % 101 === 0 ? NaN : Math.sin(i / 40),
  }));
}

function bucketRows(dbPath: string): unknown[] {
  const db = new Database(dbPath, { readonly: true });
  const rows = db
    .prepare(
      'SELECT key, width, bucket, count, min_value, min_step, max_value, max_step FROM metric_buckets ORDER BY key, width, bucket',
    )
    .all();
  db.close();
  return rows;
}

describe('metric step buckets', () => {
  it('are the same whether built while logging or backfilled by the migration', () => {
    const points = series(9000);
    const liveDb = path.join(tempDir(), 'tracking.db');
    const live = openTrackingStore({ dbPath: liveDb });
    const runId = live.createRun({ experimentId: '0' }).info.run_id;
    for (let i = 0; i < points.length; i += 1000)
      live.logBatch(runId, { metrics: points.slice(i, i + 1000) });
    // A retried batch adds nothing: identical points are stored once and counted once.
    live.logBatch(runId, { metrics: points.slice(0, 1000) });
    live.close();

    const oldDb = path.join(tempDir(), 'tracking.db');
    const { db } = openDatabase({
      dbPath: oldDb,
      now: 1,
      migrations: migrations.filter((m) => m.version <= 2),
    });
    db.prepare(
      "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, artifact_uri) VALUES (?, 0, 'r', 'RUNNING', 1, 'x')",
    ).run(runId);
    const insert = db.prepare(
      'INSERT INTO metrics (run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const p of points)
      insert.run(
        runId,
        p.key,
        p.step,
        p.timestamp,
        Number.isNaN(p.value) ? 0 : p.value,
        Number.isNaN(p.value) ? 1 : 0,
      );
    db.close();
    openTrackingStore({ dbPath: oldDb }).close();

    const built = bucketRows(liveDb);
    assert.ok(built.length > 0);
    assert.deepEqual(bucketRows(oldDb), built);
  });

  it('downsample within the budget, keep the ends and the extremes, in step order', () => {
    const store = openTrackingStore({ dbPath: path.join(tempDir(), 'tracking.db') });
    const runId = store.createRun({ experimentId: '0' }).info.run_id;
    const points = series(60000);
    for (let i = 0; i < points.length; i += 1000)
      store.logBatch(runId, { metrics: points.slice(i, i + 1000) });
    for (const maxPoints of [10, 100, 2000]) {
      const { metrics } = store.getMetricHistory({ runId, metricKey: 'loss', maxPoints });
      assert.ok(metrics.length <= maxPoints, `${metrics.length} > ${maxPoints}`);
      assert.ok(metrics.length >= Math.min(maxPoints / 4, 10), `${metrics.length} points for ${maxPoints}`);
      assert.equal(metrics[0]?.step, -600);
      assert.equal(metrics.at(-1)?.step, 59999 * 3 - 600);
      assert.ok(
        metrics.some((m) => m.value === 1e6) && metrics.some((m) => m.value === -1e6),
        `extremes at ${maxPoints}`,
      );
      const steps = metrics.map((m) => m.step);
      assert.deepEqual(
        steps,
        [...steps].sort((a, b) => a - b),
      );
    }
    // Few points come back whole; a history at a single step is thinned point by point.
    const small = store.getMetricHistory({ runId, metricKey: 'loss', maxPoints: 70000 });
    assert.equal(small.metrics.length, 60000);
    store.logBatch(runId, {
      metrics: Array.from({ length: 300 }, (_, i) => ({ key: 'flat', value: i, timestamp: i, step: 0 })),
    });
    const flat = store.getMetricHistory({ runId, metricKey: 'flat', maxPoints: 40 });
    assert.ok(
      flat.metrics.length <= 40 &&
        flat.metrics.some((m) => m.value === 299) &&
        flat.metrics.some((m) => m.value === 0),
    );
    store.close();
  });
});
