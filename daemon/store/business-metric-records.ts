/**
 * Business metrics (conversion rate, revenue per request) defined once, and the values pushed for
 * them per model version. Plain statements; callers wrap them in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type { BusinessMetric, BusinessMetricValue } from '../api/business-metric-contract.ts';

interface MetricRow {
  name: string;
  direction: BusinessMetric['direction'];
  promql: string | null;
  window_seconds: number;
  description: string | null;
  updated_time: number;
}

function metricOf(row: MetricRow): BusinessMetric {
  return {
    name: row.name,
    direction: row.direction,
    ...(row.promql !== null ? { promql: row.promql } : {}),
    window_seconds: row.window_seconds,
    ...(row.description !== null ? { description: row.description } : {}),
    updated_time: row.updated_time,
  };
}

export class BusinessMetricRecords {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** Defines a metric or replaces its definition (its pushed values stay). */
  define(metric: Omit<BusinessMetric, 'updated_time'>): BusinessMetric {
    this.#db
      .prepare(
        `INSERT INTO business_metrics (name, direction, promql, window_seconds, description, updated_time)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET direction = excluded.direction, promql = excluded.promql,
           window_seconds = excluded.window_seconds, description = excluded.description,
           updated_time = excluded.updated_time`,
      )
      .run(
        metric.name,
        metric.direction,
        metric.promql ?? null,
        metric.window_seconds,
        metric.description ?? null,
        this.#now(),
      );
    const defined = this.get(metric.name);
    if (!defined) throw new Error(`business metric ${metric.name} vanished after its definition`);
    return defined;
  }

  get(name: string): BusinessMetric | undefined {
    const row = this.#db.prepare('SELECT * FROM business_metrics WHERE name = ?').get(name) as
      MetricRow | undefined;
    return row ? metricOf(row) : undefined;
  }

  list(): BusinessMetric[] {
    return (this.#db.prepare('SELECT * FROM business_metrics ORDER BY name').all() as MetricRow[]).map(
      metricOf,
    );
  }

  push(name: string, values: readonly BusinessMetricValue[]): void {
    const statement = this.#db.prepare(
      'INSERT INTO business_metric_values (name, model_name, model_version, time, value) VALUES (?, ?, ?, ?, ?)',
    );
    const now = this.#now();
    for (const v of values) statement.run(name, v.model_name, v.model_version, v.time ?? now, v.value);
  }

  /** The mean and count of a version's values at or after `since` (ms). */
  recent(
    name: string,
    modelName: string,
    modelVersion: string,
    since: number,
  ): { mean: number; count: number } | undefined {
    const row = this.#db
      .prepare(
        `SELECT AVG(value) AS mean, COUNT(*) AS count FROM business_metric_values
         WHERE name = ? AND model_name = ? AND model_version = ? AND time >= ?`,
      )
      .get(name, modelName, modelVersion, since) as { mean: number | null; count: number };
    return row.count > 0 && row.mean !== null ? { mean: row.mean, count: row.count } : undefined;
  }
}
