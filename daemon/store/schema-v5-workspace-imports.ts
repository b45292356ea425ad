/**
 * Migration 5: workspace folders registered by clients, and what the importers remember about
 * them: how far each imported MLflow metric file was read, the DVC outputs found there, and the
 * SHA-256 digests of artifact files written there.
 */
export const workspaceImportsSchemaV5 = `
CREATE TABLE workspace_folders (
  path TEXT PRIMARY KEY,
  registered_time INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE imported_metric_offsets (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  byte_offset INTEGER NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;

CREATE TABLE dvc_outputs (
  folder TEXT NOT NULL,
  path TEXT NOT NULL,
  md5 TEXT NOT NULL,
  size INTEGER,
  source_file TEXT NOT NULL,
  recorded_time INTEGER NOT NULL,
  PRIMARY KEY (folder, path, md5)
) WITHOUT ROWID;

CREATE TABLE workspace_artifact_digests (
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  recorded_time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX workspace_artifact_digests_by_digest ON workspace_artifact_digests (sha256);
`;
