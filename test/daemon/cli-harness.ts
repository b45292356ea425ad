/**
 * For the CLI tests: a real daemon process on a temp data directory, the calls that seed it over
 * real HTTP with the daemon's token, and the `mlops-lens` bin run as a user would.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { daemonCalls, tempDir, type DaemonCalls } from './daemon-harness.ts';
import { BIN, DAEMON_BUNDLE, startDaemonProcess, type SpawnedDaemon } from './daemon-process.ts';

/** Why a test of the bin skips: the bin runs the built daemon bundle, and it is not built. */
export const BUNDLE_MISSING: string | false = existsSync(DAEMON_BUNDLE)
  ? false
  : 'dist/daemon.js is not built; `npm test` builds it first (npm run build)';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `mlops-lens ARGS` through the bin and the built daemon bundle. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A daemon process on a fresh data directory, and the bin run against it. */
export interface CliDaemon {
  daemon: SpawnedDaemon;
  dataDir: string;
  /** The daemon's routes and MLflow API over HTTP, with its token. */
  calls: DaemonCalls;
  /** `mlops-lens ARGS --data-dir DIR`, DIR this daemon's. */
  cli(...args: string[]): Promise<CliRun>;
  /** Stops the daemon (SIGTERM, waiting for its exit) and removes its data directory. */
  close(): Promise<void>;
}

export async function startCliDaemon(dataDirPrefix = 'mlops-lens-cli-'): Promise<CliDaemon> {
  const dataDir = tempDir(dataDirPrefix);
  const daemon = await startDaemonProcess(dataDir);
  return {
    daemon,
    dataDir,
    calls: daemonCalls(daemon.port, daemon.token),
    cli: (...args) => runCli([...args, '--data-dir', dataDir]),
    async close() {
      daemon.child.kill('SIGTERM');
      await daemon.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls an MLflow endpoint of a spawned daemon and returns the JSON reply, asserting a 200. */
export function mlflowCaller(daemon: SpawnedDaemon) {
  const { mlflow } = daemonCalls(daemon.port, daemon.token);
  return async <T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    endpoint: string,
    payload: Record<string, unknown> = {},
  ): Promise<T> => {
    const res = await mlflow(method, endpoint, payload);
    assert.equal(res.status, 200, `${endpoint}: ${res.text}`);
    return res.json as T;
  };
}

/** The column (character offset) where `header` starts in a table's header line. */
export function columnStart(table: string, header: string): number {
  const headerLine = table.split('\n')[0] ?? '';
  const at = headerLine.search(new RegExp(`(^|\\s)${header}(\\s|$)`));
  assert.ok(at >= 0, `no ${header} column in:\n${table}`);
  return at === 0 ? 0 : at + 1;
}
