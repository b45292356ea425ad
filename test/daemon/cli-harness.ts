/**
 * For the CLI tests: a real daemon process on a temp data directory, an MLflow caller that
 * seeds it over real HTTP with the daemon's token, and the `mlops-lens` bin run as a user would.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MLFLOW_API_PREFIX } from '../../daemon/api/contract.ts';
import { sendRequest } from './daemon-harness.ts';
import type { SpawnedDaemon } from './daemon-process.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(repoRoot, 'bin', 'mlops-lens.js');

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

/** Calls an MLflow endpoint of a spawned daemon and returns the JSON reply, asserting a 200. */
export function mlflowCaller(daemon: SpawnedDaemon) {
  const headers = { host: `127.0.0.1:${daemon.port}`, authorization: `Bearer ${daemon.token}` };
  return async <T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    endpoint: string,
    payload: Record<string, unknown> = {},
  ): Promise<T> => {
    const url = `${MLFLOW_API_PREFIX}/${endpoint}`;
    const res =
      method === 'GET'
        ? await sendRequest(daemon.port, method, url, {
            headers,
            query: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)])),
          })
        : await sendRequest(daemon.port, method, url, { headers, body: payload });
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
