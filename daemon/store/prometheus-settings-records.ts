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
  serving_model_name: string | null;
  serving_model_version: string | null;
}

function fromRow(row: SettingsRow): PrometheusSettings {
  const {
    source_json: sourceJson,
    serving_model_name: modelName,
    serving_model_version: modelVersion,
    ...rest
  } = row;
  const settings: PrometheusSettings = { ...rest, source: JSON.parse(sourceJson) as PrometheusSource };
  if (modelName !== null && modelVersion !== null)
    settings.serving_model = { name: modelName, version: modelVersion };
  return settings;
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
    const { source, serving_model: model, ...rest } = settings;
    this.#db
      .prepare(
        `INSERT INTO prometheus_settings (context, source_json, timeout_ms, serving_selector, rate_window,
           p99_latency_query, error_rate_query, updated_time, serving_model_name, serving_model_version)
         VALUES (@context, @source_json, @timeout_ms, @serving_selector, @rate_window,
           @p99_latency_query, @error_rate_query, @updated_time, @serving_model_name, @serving_model_version)
         ON CONFLICT (context) DO UPDATE SET source_json = excluded.source_json,
           timeout_ms = excluded.timeout_ms, serving_selector = excluded.serving_selector,
           rate_window = excluded.rate_window, p99_latency_query = excluded.p99_latency_query,
           error_rate_query = excluded.error_rate_query, updated_time = excluded.updated_time,
           serving_model_name = excluded.serving_model_name,
           serving_model_version = excluded.serving_model_version`,
      )
      .run({
        ...rest,
        source_json: JSON.stringify(source),
        serving_model_name: model?.name ?? null,
        serving_model_version: model?.version ?? null,
      });
  }

  delete(context: string): boolean {
    return this.#db.prepare('DELETE FROM prometheus_settings WHERE context = ?').run(context).changes > 0;
  }
}
