/** Opens the daemon's SQLite file: WAL, foreign keys, durable commits, migrated schema. */
import Database from 'better-sqlite3';
import { describeOpenFailure } from './database-errors.ts';
import { migrate, type Migration, type MigrationReport } from './migrations.ts';

export interface OpenDatabaseOptions {
  readonly dbPath: string;
  readonly now: number;
  readonly migrations?: readonly Migration[];
  /** Caps the file size; writes past it fail cleanly as "database full". */
  readonly maxBytes?: number;
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly migration: MigrationReport;
}

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { dbPath } = options;
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { fileMustExist: false });
    db.pragma('busy_timeout = 5000');
    // Reading the header and the schema first turns a foreign or corrupted file into a clear error.
    db.pragma('schema_version');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    if (dbPath !== ':memory:' && mode.toLowerCase() !== 'wal') {
      throw new Error(`journal_mode is ${mode}, expected wal`);
    }
    // FULL: an acknowledged write survives power loss, not only a killed process.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (options.maxBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
    }
    const migration = migrate(db, dbPath, options.now, options.migrations);
    return { db, migration };
  } catch (error) {
    db?.close();
    throw describeOpenFailure(dbPath, error);
  }
}
