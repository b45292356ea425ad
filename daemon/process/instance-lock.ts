/**
 * One daemon per data directory. The lock is an exclusive SQLite lock on `daemon.lock`: the
 * operating system releases it when the process ends, even on kill -9, so a crash never
 * leaves a stale lock behind and a reused pid never fools it.
 */
import Database from 'better-sqlite3';
import path from 'node:path';

export interface InstanceLock {
  release(): void;
}

export const LOCK_FILE = 'daemon.lock';

/** Returns the lock, or undefined when another process holds it. */
export function acquireInstanceLock(dataDir: string): InstanceLock | undefined {
  const db = new Database(path.join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder;');
    db.prepare('INSERT INTO holder VALUES (?)').run(process.pid);
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return undefined;
    throw error;
  }
  return { release: () => db.close() };
}
