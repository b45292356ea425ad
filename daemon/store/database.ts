/** Opens the daemon's SQLite file: WAL, foreign keys, durable commits, migrated schema. */
import Database from 'better-sqlite3';
import { describeOpenFailure } from './database-errors.ts';
import { migrate, type Migration, type MigrationReport } from './migrations.ts';

export interface OpenDatabaseOptions {
  readonly dbPath: string;
  readonly now: number;
  readonly migrations?: readonly Migration[];
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
    // Reading the header first turns a foreign or corrupted file into a clear error.
    db.pragma('schema_version');
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    if (dbPath !== ':memory:' && mode.toLowerCase() !== 'wal') {
      throw new Error(`journal_mode is ${mode}, expected wal`);
    }
    // FULL: an acknowledged write survives power loss, not only a killed process.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const migration = migrate(db, dbPath, options.now, options.migrations);
    return { db, migration };
  } catch (error) {
    db?.close();
    throw describeOpenFailure(dbPath, error);
  }
}
