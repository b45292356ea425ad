/**
 * Migration 4: what each model version was registered with (framework, signature) and what
 * produced it (run, git commit, dataset snapshot, environment lockfile), captured once when the
 * version is created, so later edits to the run do not rewrite a version's history. Also an
 * index from datasets to the runs that read them, for lineage.
 */
export const modelMetadataSchemaV4 = `
CREATE TABLE model_version_metadata (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  run_id TEXT,
  model_artifact_path TEXT,
  framework_name TEXT,
  framework_version TEXT,
  signature_json TEXT,
  git_commit TEXT,
  git_dirty INTEGER,
  dataset_snapshot_uri TEXT,
  environment_lockfile_uri TEXT,
  environment_lockfile_sha256 TEXT,
  PRIMARY KEY (name, version),
  FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON UPDATE CASCADE ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX model_version_metadata_by_run ON model_version_metadata (run_id);
CREATE INDEX run_inputs_by_dataset ON run_inputs (dataset_id);
`;
