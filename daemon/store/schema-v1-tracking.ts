/** Migration 1: experiments, runs, their metrics, params, tags and dataset inputs, artifacts. */
export const trackingSchemaV1 = `
CREATE TABLE experiments (
  experiment_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  artifact_location TEXT NOT NULL,
  lifecycle_stage TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
  creation_time INTEGER NOT NULL,
  last_update_time INTEGER NOT NULL
);
CREATE INDEX experiments_by_creation ON experiments (creation_time DESC, experiment_id);

CREATE TABLE experiment_tags (
  experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (experiment_id, key)
);

CREATE TABLE runs (
  run_id TEXT PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
  run_name TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  artifact_uri TEXT NOT NULL,
  lifecycle_stage TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
  deleted_time INTEGER
) WITHOUT ROWID;
CREATE INDEX runs_by_experiment ON runs (experiment_id, lifecycle_stage, start_time DESC);

CREATE TABLE params (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX params_by_key ON params (key, value);

CREATE TABLE tags (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX tags_by_key ON tags (key, value);

-- Every logged point. SQLite cannot store NaN, so NaN is value 0 with is_nan 1.
CREATE TABLE metrics (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  step INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  value REAL NOT NULL,
  is_nan INTEGER NOT NULL DEFAULT 0
);
-- Unique per point so that a retried request does not log the same point twice.
CREATE UNIQUE INDEX metrics_history ON metrics (run_id, key, step, timestamp, value, is_nan);

-- The latest point per (run, key): greatest step, then timestamp, then value, as MLflow does.
CREATE TABLE latest_metrics (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  step INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  value REAL NOT NULL,
  is_nan INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX latest_metrics_by_key ON latest_metrics (key, value);

CREATE TABLE datasets (
  dataset_id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
  name TEXT NOT NULL,
  digest TEXT NOT NULL,
  source_type TEXT NOT NULL,
  source TEXT NOT NULL,
  schema TEXT,
  profile TEXT,
  UNIQUE (experiment_id, name, digest)
);

CREATE TABLE run_inputs (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  dataset_id INTEGER NOT NULL REFERENCES datasets (dataset_id),
  position INTEGER NOT NULL,
  PRIMARY KEY (run_id, dataset_id)
) WITHOUT ROWID;

CREATE TABLE run_input_tags (
  run_id TEXT NOT NULL,
  dataset_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (run_id, dataset_id, key),
  FOREIGN KEY (run_id, dataset_id) REFERENCES run_inputs (run_id, dataset_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Artifact files by logical path; the bytes live on disk under their SHA-256.
CREATE TABLE artifact_files (
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX artifact_files_by_digest ON artifact_files (sha256);
`;
