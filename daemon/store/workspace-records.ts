/**
 * What the workspace importers keep in the store: registered folders, MLflow runs imported with
 * their own run ids, how far each imported metric file was read, DVC outputs, and artifact
 * digests. Plain statements; callers wrap them in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type { RunStatus, WorkspaceFolder } from '../api/contract.ts';

/** Tag set on every run the mlruns importer created; its value is the run's folder. */
export const IMPORTED_FROM_TAG = 'mlops_lens.imported_from';

export interface ImportedRunInfo {
  runId: string;
  experimentId: string;
  runName: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  sourceFolder: string;
}

export interface DvcOutput {
  folder: string;
  path: string;
  md5: string;
  size: number | null;
  sourceFile: string;
}

export interface ArtifactDigest {
  path: string;
  sha256: string;
  size: number;
  mtimeMs: number;
}

export class WorkspaceRecords {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  registerFolder(folder: string): void {
    this.#db
      .prepare('INSERT OR IGNORE INTO workspace_folders (path, registered_time) VALUES (?, ?)')
      .run(folder, this.#now());
  }

  folders(): WorkspaceFolder[] {
    return this.#db
      .prepare('SELECT path, registered_time FROM workspace_folders ORDER BY path')
      .all() as WorkspaceFolder[];
  }

  /** The local experiment with this name, created (empty) when there is none. */
  experimentNamed(name: string, artifactLocation: string): string {
    const found = this.#db.prepare('SELECT experiment_id FROM experiments WHERE name = ?').get(name) as
      { experiment_id: number } | undefined;
    if (found !== undefined) return String(found.experiment_id);
    const now = this.#now();
    const result = this.#db
      .prepare(
        'INSERT INTO experiments (name, artifact_location, creation_time, last_update_time) VALUES (?, ?, ?, ?)',
      )
      .run(name, artifactLocation, now, now);
    return String(result.lastInsertRowid);
  }

  /**
   * Creates the run under MLflow's own id, or updates its status, end time and lifecycle.
   * `foreign` (and nothing written) when that id belongs to a run not imported from this folder.
   */
  upsertImportedRun(run: ImportedRunInfo): 'created' | 'updated' | 'foreign' {
    const existing = this.#db
      .prepare('SELECT value FROM tags WHERE run_id = ? AND key = ?')
      .get(run.runId, IMPORTED_FROM_TAG) as { value: string } | undefined;
    const exists = this.#db.prepare('SELECT 1 FROM runs WHERE run_id = ?').get(run.runId) !== undefined;
    if (exists && existing?.value !== run.sourceFolder) return 'foreign';
    if (!exists) {
      this.#db
        .prepare(
          `INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.runId,
          Number(run.experimentId),
          run.runName,
          run.userId,
          run.status,
          run.startTime,
          run.endTime,
          run.artifactUri,
        );
      this.#db
        .prepare('INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)')
        .run(run.runId, IMPORTED_FROM_TAG, run.sourceFolder);
    }
    // Active while its data is logged; `setImportedLifecycle` then applies MLflow's stage.
    this.#db
      .prepare(
        "UPDATE runs SET status = ?, end_time = ?, lifecycle_stage = 'active', deleted_time = NULL WHERE run_id = ?",
      )
      .run(run.status, run.endTime, run.runId);
    return exists ? 'updated' : 'created';
  }

  setImportedLifecycle(runId: string, stage: 'active' | 'deleted'): void {
    if (stage === 'active') return;
    this.#db
      .prepare("UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = ? WHERE run_id = ?")
      .run(this.#now(), runId);
  }

  metricOffset(runId: string, key: string): number {
    const row = this.#db
      .prepare('SELECT byte_offset FROM imported_metric_offsets WHERE run_id = ? AND key = ?')
      .get(runId, key) as { byte_offset: number } | undefined;
    return row?.byte_offset ?? 0;
  }

  setMetricOffset(runId: string, key: string, offset: number): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO imported_metric_offsets (run_id, key, byte_offset) VALUES (?, ?, ?)')
      .run(runId, key, offset);
  }

  recordDvcOutput(output: DvcOutput): void {
    this.#db
      .prepare(
        `INSERT INTO dvc_outputs (folder, path, md5, size, source_file, recorded_time) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (folder, path, md5) DO UPDATE SET
           size = excluded.size, source_file = excluded.source_file, recorded_time = excluded.recorded_time`,
      )
      .run(output.folder, output.path, output.md5, output.size, output.sourceFile, this.#now());
  }

  dvcOutputs(folder: string): DvcOutput[] {
    return this.#db
      .prepare(
        `SELECT folder, path, md5, size, source_file AS sourceFile FROM dvc_outputs WHERE folder = ?
         ORDER BY path, recorded_time`,
      )
      .all(folder) as DvcOutput[];
  }

  /**
   * Active runs that read `relativePath` (a logged dataset whose name or source names it, or a
   * tag whose value names it) and have no DVC dataset for it yet.
   */
  runsReadingPath(folder: string, relativePath: string): { runId: string; experimentId: number }[] {
    const absolute = `${folder}/${relativePath}`;
    const names = (column: string): string =>
      `(${column} = @rel OR ${column} = @abs OR substr(${column}, -length(@rel) - 1) = '/' || @rel OR instr(${column}, '"' || @rel || '"') > 0 OR instr(${column}, '"' || @abs || '"') > 0)`;
    return this.#db
      .prepare(
        `SELECT r.run_id AS runId, r.experiment_id AS experimentId FROM runs r
         WHERE r.lifecycle_stage = 'active'
           AND (EXISTS (SELECT 1 FROM run_inputs i JOIN datasets d ON d.dataset_id = i.dataset_id
                        WHERE i.run_id = r.run_id AND d.source_type <> 'dvc'
                          AND (${names('d.name')} OR ${names('d.source')}))
             OR EXISTS (SELECT 1 FROM tags t WHERE t.run_id = r.run_id AND ${names('t.value')}))
           AND NOT EXISTS (SELECT 1 FROM run_inputs i JOIN datasets d ON d.dataset_id = i.dataset_id
                           WHERE i.run_id = r.run_id AND d.source_type = 'dvc' AND d.name = @rel)
         ORDER BY r.run_id`,
      )
      .all({ rel: relativePath, abs: absolute }) as { runId: string; experimentId: number }[];
  }

  artifactDigest(filePath: string): ArtifactDigest | undefined {
    return this.#db
      .prepare(
        'SELECT path, sha256, size, mtime_ms AS mtimeMs FROM workspace_artifact_digests WHERE path = ?',
      )
      .get(filePath) as ArtifactDigest | undefined;
  }

  recordArtifactDigest(digest: ArtifactDigest): void {
    this.#db
      .prepare(
        `INSERT OR REPLACE INTO workspace_artifact_digests (path, sha256, size, mtime_ms, recorded_time)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(digest.path, digest.sha256, digest.size, digest.mtimeMs, this.#now());
  }

  forgetArtifactDigest(filePath: string): void {
    this.#db.prepare('DELETE FROM workspace_artifact_digests WHERE path = ?').run(filePath);
  }

  artifactsWithDigest(sha256: string): ArtifactDigest[] {
    return this.#db
      .prepare(
        'SELECT path, sha256, size, mtime_ms AS mtimeMs FROM workspace_artifact_digests WHERE sha256 = ? ORDER BY path',
      )
      .all(sha256) as ArtifactDigest[];
  }
}
