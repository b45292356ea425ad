/** The `model_version_metadata` rows: a version's captured provenance, written once at creation. */
import type Database from 'better-sqlite3';
import type { ModelProvenance } from './model-provenance.ts';
import type { ModelSignature } from './mlmodel-signature.ts';

interface MetadataRow {
  run_id: string | null;
  model_artifact_path: string | null;
  framework_name: string | null;
  framework_version: string | null;
  signature_json: string | null;
  git_commit: string | null;
  git_dirty: number | null;
  dataset_snapshot_uri: string | null;
  environment_lockfile_uri: string | null;
  environment_lockfile_sha256: string | null;
}

export function saveModelProvenance(
  db: Database.Database,
  name: string,
  version: number,
  p: ModelProvenance,
): void {
  db.prepare(
    `INSERT OR REPLACE INTO model_version_metadata
       (name, version, run_id, model_artifact_path, framework_name, framework_version, signature_json,
        git_commit, git_dirty, dataset_snapshot_uri, environment_lockfile_uri, environment_lockfile_sha256)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    name,
    version,
    p.runId ?? null,
    p.modelArtifactPath ?? null,
    p.framework?.name ?? null,
    p.framework?.version ?? null,
    p.signature === undefined ? null : JSON.stringify(p.signature),
    p.gitCommit ?? null,
    p.gitDirty === undefined ? null : Number(p.gitDirty),
    p.datasetSnapshotUri ?? null,
    p.environmentLockfileUri ?? null,
    p.environmentLockfileSha256 ?? null,
  );
}

export function readModelProvenance(
  db: Database.Database,
  name: string,
  version: number,
): ModelProvenance | undefined {
  const row = db
    .prepare('SELECT * FROM model_version_metadata WHERE name = ? AND version = ?')
    .get(name, version) as MetadataRow | undefined;
  if (row === undefined) return undefined;
  const p: ModelProvenance = {};
  if (row.run_id !== null) p.runId = row.run_id;
  if (row.model_artifact_path !== null) p.modelArtifactPath = row.model_artifact_path;
  if (row.framework_name !== null) {
    p.framework =
      row.framework_version === null
        ? { name: row.framework_name }
        : { name: row.framework_name, version: row.framework_version };
  }
  if (row.signature_json !== null) p.signature = JSON.parse(row.signature_json) as ModelSignature;
  if (row.git_commit !== null) p.gitCommit = row.git_commit;
  if (row.git_dirty !== null) p.gitDirty = row.git_dirty === 1;
  if (row.dataset_snapshot_uri !== null) p.datasetSnapshotUri = row.dataset_snapshot_uri;
  if (row.environment_lockfile_uri !== null) p.environmentLockfileUri = row.environment_lockfile_uri;
  if (row.environment_lockfile_sha256 !== null) p.environmentLockfileSha256 = row.environment_lockfile_sha256;
  return p;
}
