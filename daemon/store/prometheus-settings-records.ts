/**
 * Each cluster context's Prometheus settings, one row per context. Plain statements; callers
 * wrap them in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type { PrometheusSettings, PrometheusSource } from '../api/contract.ts';

interface SettingsRow {
  context: string;
  source_json: string;
  timeout_ms: number;
  serving_selector: string;
  rate_window: string;
  p99_latency_query: string;
  error_rate_query: string;
  updated_time: number;
}

function fromRow(row: SettingsRow): PrometheusSettings {
  const { source_json: sourceJson, ...rest } = row;
  return { ...rest, source: JSON.parse(sourceJson) as PrometheusSource };
}

export class PrometheusSettingsRecords {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  get(context: string): PrometheusSettings | undefined {
    const row = this.#db.prepare('SELECT * FROM prometheus_settings WHERE context = ?').get(context) as
      SettingsRow | undefined;
    return row === undefined ? undefined : fromRow(row);
  }

  list(): PrometheusSettings[] {
    const rows = this.#db
      .prepare('SELECT * FROM prometheus_settings ORDER BY context')
      .all() as SettingsRow[];
    return rows.map(fromRow);
  }

  put(settings: PrometheusSettings): void {
    const { source, ...rest } = settings;
    this.#db
      .prepare(
        `INSERT INTO prometheus_settings (context, source_json, timeout_ms, serving_selector, rate_window,
           p99_latency_query, error_rate_query, updated_time)
         VALUES (@context, @source_json, @timeout_ms, @serving_selector, @rate_window,
           @p99_latency_query, @error_rate_query, @updated_time)
         ON CONFLICT (context) DO UPDATE SET source_json = excluded.source_json,
           timeout_ms = excluded.timeout_ms, serving_selector = excluded.serving_selector,
           rate_window = excluded.rate_window, p99_latency_query = excluded.p99_latency_query,
           error_rate_query = excluded.error_rate_query, updated_time = excluded.updated_time`,
      )
      .run({ ...rest, source_json: JSON.stringify(source) });
  }

  delete(context: string): boolean {
    return this.#db.prepare('DELETE FROM prometheus_settings WHERE context = ?').run(context).changes > 0;
  }
}
