/** Migration 6: where each cluster context's Prometheus answers, and its serving queries. */
export const prometheusSettingsSchemaV6 = `
CREATE TABLE prometheus_settings (
  context TEXT PRIMARY KEY,
  source_json TEXT NOT NULL,
  timeout_ms INTEGER NOT NULL,
  serving_selector TEXT NOT NULL,
  rate_window TEXT NOT NULL,
  p99_latency_query TEXT NOT NULL,
  error_rate_query TEXT NOT NULL,
  updated_time INTEGER NOT NULL
) WITHOUT ROWID;
`;
