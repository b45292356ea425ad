/** The files a running daemon keeps in its data directory: token and discovery file. */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DISCOVERY_FILE, TOKEN_FILE, type DaemonDiscovery } from '../api/contract.ts';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,}$/;

/**
 * Keeps an existing well-formed token, so scripts holding `MLFLOW_TRACKING_TOKEN` survive a
 * restart, and otherwise writes a new random one. Either way the file ends up mode 0600.
 */
export function loadOrCreateToken(dataDir: string): string {
  const tokenPath = path.join(dataDir, TOKEN_FILE);
  if (existsSync(tokenPath)) {
    const existing = readFileSync(tokenPath, 'utf8').trim();
    if (TOKEN_SHAPE.test(existing)) {
      chmodSync(tokenPath, 0o600);
      return existing;
    }
  }
  const token = randomBytes(32).toString('base64url');
  writeAtomically(tokenPath, `${token}\n`);
  return token;
}

export function writeDiscovery(dataDir: string, discovery: DaemonDiscovery): void {
  writeAtomically(path.join(dataDir, DISCOVERY_FILE), `${JSON.stringify(discovery, null, 2)}\n`);
}

export function readDiscovery(dataDir: string): DaemonDiscovery | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, DISCOVERY_FILE), 'utf8')) as DaemonDiscovery;
  } catch {
    return undefined;
  }
}

/** Removes the discovery file only if it still describes this process. */
export function removeDiscovery(dataDir: string, pid: number): void {
  if (readDiscovery(dataDir)?.pid === pid) rmSync(path.join(dataDir, DISCOVERY_FILE), { force: true });
}

/** Writes a file of the data directory whole or not at all (a temp file renamed over it), owner-only. */
export function writeAtomically(filePath: string, content: string): void {
  const tmp = `${filePath}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, filePath);
}
