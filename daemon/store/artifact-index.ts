/** Which logical artifact path holds which content digest; directories are implied by paths. */
import type Database from 'better-sqlite3';
import type { ArtifactFileInfo } from '../api/contract.ts';

export interface ArtifactEntry {
  path: string;
  sha256: string;
  size: number;
}

export class ArtifactIndex {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  record(entry: ArtifactEntry): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO artifact_files (path, sha256, size, created_time) VALUES (?, ?, ?, ?)')
      .run(entry.path, entry.sha256, entry.size, this.#now());
  }

  find(path: string): ArtifactEntry | undefined {
    return this.#db.prepare('SELECT path, sha256, size FROM artifact_files WHERE path = ?').get(path) as
      ArtifactEntry | undefined;
  }

  /** Immediate children of `directory` ('' is the root), by base name, directories first seen. */
  list(directory: string): ArtifactFileInfo[] {
    const prefix = directory === '' ? '' : `${directory}/`;
    const rows = (
      prefix === ''
        ? this.#db.prepare('SELECT path, size FROM artifact_files ORDER BY path').all()
        : // '/' + 1 is '0': the range holds exactly the paths under `prefix`.
          this.#db
            .prepare('SELECT path, size FROM artifact_files WHERE path >= ? AND path < ? ORDER BY path')
            .all(prefix, `${directory}0`)
    ) as { path: string; size: number }[];
    const children = new Map<string, ArtifactFileInfo>();
    for (const row of rows) {
      const rest = row.path.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (children.has(name)) continue;
      children.set(
        name,
        slash < 0 ? { path: name, is_dir: false, file_size: row.size } : { path: name, is_dir: true },
      );
    }
    return [...children.values()];
  }

  /** Every file under `directory` (not the directory itself), by path. */
  filesUnder(directory: string): ArtifactEntry[] {
    return this.#db
      .prepare('SELECT path, sha256, size FROM artifact_files WHERE path >= ? AND path < ? ORDER BY path')
      .all(`${directory}/`, `${directory}0`) as ArtifactEntry[];
  }

  /** Total bytes of the files under `directory` (a file path gives its own size). */
  sizeUnder(directory: string): number {
    const row = this.#db
      .prepare(
        'SELECT COALESCE(SUM(size), 0) AS total FROM artifact_files WHERE path = ? OR (path >= ? AND path < ?)',
      )
      .get(directory, `${directory}/`, `${directory}0`) as { total: number };
    return row.total;
  }

  /** Removes a file, or a directory with everything under it; returns how many files went. */
  remove(path: string): number {
    return this.#db
      .prepare('DELETE FROM artifact_files WHERE path = ? OR (path >= ? AND path < ?)')
      .run(path, `${path}/`, `${path}0`).changes;
  }

  /** Whether any digest is still referenced, so unreferenced blobs can be collected later. */
  isReferenced(sha256: string): boolean {
    return (
      this.#db.prepare('SELECT 1 FROM artifact_files WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined
    );
  }
}
