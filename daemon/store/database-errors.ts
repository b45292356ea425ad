/**
 * Turns SQLite failures into errors that say what happened to the file. A full disk, a
 * read-only file and a corrupted file are reported as such and never retried into damage.
 */
import { TrackingError } from './tracking-error.ts';

/** The database file cannot be opened or migrated; the daemon must not start on it. */
export class DatabaseOpenError extends Error {
  readonly reason: 'corrupt' | 'read-only' | 'too-new' | 'unavailable';
  constructor(reason: DatabaseOpenError['reason'], message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DatabaseOpenError';
    this.reason = reason;
  }
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

export function isReadOnly(error: unknown): boolean {
  return sqliteCode(error)?.startsWith('SQLITE_READONLY') ?? false;
}

export function describeOpenFailure(dbPath: string, error: unknown): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  if (isCorruption(error)) {
    return new DatabaseOpenError(
      'corrupt',
      `${dbPath} is not a valid SQLite database or is corrupted; it was left untouched. ` +
        'Restore it from a backup beside it (*.backup-*) or move it away to start empty.',
      error,
    );
  }
  if (isReadOnly(error) || sqliteCode(error) === 'SQLITE_CANTOPEN') {
    return new DatabaseOpenError(
      'read-only',
      `${dbPath} cannot be opened for writing (read-only file or folder, or missing permissions).`,
      error,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new DatabaseOpenError('unavailable', `${dbPath} cannot be opened: ${detail}`, error);
}

/**
 * Maps a SQLite failure of a request. A failed write has already been rolled back by the time
 * this runs, so nothing partial was recorded.
 */
export function describeStoreFailure(error: unknown, operation: 'read' | 'write'): unknown {
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const outcome = operation === 'write' ? 'this write was not recorded' : 'this read failed';
  if (code === 'SQLITE_FULL') {
    return new TrackingError(
      'RESOURCE_EXHAUSTED',
      `The tracking database is full (disk full or size limit reached); ${outcome}.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new TrackingError('INTERNAL_ERROR', `The tracking database is read-only; ${outcome}.`);
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new TrackingError('INTERNAL_ERROR', `The tracking database is corrupted; ${outcome}.`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new TrackingError(
      'INTERNAL_ERROR',
      'The tracking database is locked by another process; retry later.',
    );
  }
  return error;
}
