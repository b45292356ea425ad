/**
 * Migration 8: the drift engine's baselines (compact per-feature reference summaries), the
 * production samples pushed or imported for each model version, the reports computed from
 * them, and alerts with their history. At most one alert per rule, model version and feature
 * is active (pending or open) at a time.
 */
export const driftSchemaV8 = `
CREATE TABLE drift_baselines (
  baseline_id INTEGER PRIMARY KEY,
  model_name TEXT NOT NULL,
  model_version TEXT,
  run_id TEXT,
  source TEXT NOT NULL CHECK (source IN ('api', 'csv', 'parquet')),
  row_count INTEGER NOT NULL,
  prediction_column TEXT,
  created_time INTEGER NOT NULL
);
CREATE INDEX drift_baselines_by_model ON drift_baselines (model_name, model_version, created_time);
CREATE INDEX drift_baselines_by_run ON drift_baselines (run_id) WHERE run_id IS NOT NULL;

-- Numerical: count, mean, population std and the sorted points (float64, little-endian);
-- categorical: the counts as a JSON object.
CREATE TABLE drift_baseline_features (
  baseline_id INTEGER NOT NULL REFERENCES drift_baselines (baseline_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('numerical', 'categorical')),
  count INTEGER NOT NULL,
  missing INTEGER NOT NULL,
  mean REAL,
  std REAL,
  points BLOB,
  categories TEXT,
  PRIMARY KEY (baseline_id, name)
) WITHOUT ROWID;

CREATE TABLE drift_samples (
  sample_id INTEGER PRIMARY KEY,
  model_name TEXT NOT NULL,
  model_version TEXT NOT NULL,
  time INTEGER NOT NULL,
  prediction_id TEXT,
  features TEXT NOT NULL,
  prediction TEXT,
  received_time INTEGER NOT NULL
);
CREATE INDEX drift_samples_by_version_time ON drift_samples (model_name, model_version, time);

CREATE TABLE drift_sample_files (
  path TEXT PRIMARY KEY,
  byte_offset INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE drift_reports (
  report_id INTEGER PRIMARY KEY,
  model_name TEXT NOT NULL,
  model_version TEXT NOT NULL,
  created_time INTEGER NOT NULL,
  dataset_drift INTEGER NOT NULL,
  drift_share REAL NOT NULL,
  report TEXT NOT NULL
);
CREATE INDEX drift_reports_by_version ON drift_reports (model_name, model_version, created_time);

CREATE TABLE alerts (
  alert_id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_version TEXT NOT NULL,
  feature TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending', 'open', 'resolved')),
  value REAL NOT NULL,
  threshold REAL NOT NULL,
  message TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  opened_time INTEGER,
  resolved_time INTEGER,
  silenced_until INTEGER,
  occurrences INTEGER NOT NULL,
  report_id INTEGER
);
CREATE UNIQUE INDEX alerts_one_active ON alerts (rule, model_name, model_version, feature)
  WHERE status <> 'resolved';
CREATE INDEX alerts_by_time ON alerts (last_seen);

CREATE TABLE alert_history (
  entry_id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts (alert_id) ON DELETE CASCADE,
  time INTEGER NOT NULL,
  event TEXT NOT NULL,
  value REAL,
  detail TEXT
);
CREATE INDEX alert_history_by_alert ON alert_history (alert_id, entry_id);
`;
