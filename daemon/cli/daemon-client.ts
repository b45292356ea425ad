/**
 * The CLI's connection to a running daemon: finds it through the discovery file and token of a
 * data directory, sends the bearer token, and turns every way a call can fail into a
 * `CliFailure` that says what to do next.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import {
  DISCOVERY_FILE,
  MLFLOW_API_PREFIX,
  TOKEN_FILE,
  type DaemonDiscovery,
  type ErrorResponse,
} from '../api/contract.ts';
import { readDiscovery } from '../process/daemon-files.ts';
import { CliFailure } from './cli-failure.ts';

export type Query = Record<string, string | readonly string[] | number | undefined>;

export interface DaemonCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under the daemon's URL, e.g. `/api/2.0/mlflow/runs/get`. */
  path: string;
  query?: Query;
  body?: unknown;
}

interface Connection {
  discovery: DaemonDiscovery;
  token: string;
}

export class DaemonClient {
  readonly dataDir: string;
  readonly #actor: string;
  #connection: Connection | undefined;

  /** Reads the discovery and token files on the first call, so usage mistakes fail first. */
  constructor(dataDir: string) {
    this.dataDir = dataDir;
    this.#actor = `${safeUserName()} (mlops-lens cli)`;
  }

  /** The running daemon's discovery file and token, or a failure saying how to start one. */
  #connect(): Connection {
    if (this.#connection !== undefined) return this.#connection;
    const { dataDir } = this;
    const discovery = readDiscovery(dataDir);
    if (discovery === undefined || typeof discovery.url !== 'string') {
      throw new CliFailure(
        `no daemon is running for ${dataDir} (no ${DISCOVERY_FILE} there).\n` + startHint(dataDir),
        2,
      );
    }
    let token: string;
    try {
      token = readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim();
    } catch (error) {
      throw new CliFailure(
        `cannot read the daemon token ${path.join(dataDir, TOKEN_FILE)}: ${(error as Error).message}`,
        2,
      );
    }
    this.#connection = { discovery, token };
    return this.#connection;
  }

  /** An MLflow endpoint, e.g. `mlflow('GET', 'runs/get', { run_id })`. */
  mlflow<T>(method: DaemonCall['method'], endpoint: string, payload: Query | object = {}): Promise<T> {
    const call: DaemonCall =
      method === 'GET'
        ? { method, path: `${MLFLOW_API_PREFIX}/${endpoint}`, query: payload as Query }
        : { method, path: `${MLFLOW_API_PREFIX}/${endpoint}`, body: payload };
    return this.call<T>(call);
  }

  async call<T>(call: DaemonCall): Promise<T> {
    const { discovery, token } = this.#connect();
    const url = new URL(call.path, discovery.url);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-mlops-lens-actor': this.#actor,
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
      });
    } catch (error) {
      throw unreachable(this.dataDir, discovery, error);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.ok) return json as T;
    const failure = json as Partial<ErrorResponse> | undefined;
    const message = failure?.message ?? (text || `HTTP ${response.status}`);
    if (response.status === 401) {
      throw new CliFailure(
        `the daemon at ${discovery.url} refused the token in ${path.join(this.dataDir, TOKEN_FILE)} ` +
          `(${message}). The file no longer matches the running daemon: restart the daemon ` +
          '(it keeps a well-formed token file), or point --data-dir at the directory it was started with.',
        2,
      );
    }
    if (response.status === 404 && failure?.error_code === 'ENDPOINT_NOT_FOUND') {
      throw new CliFailure(
        `the daemon at ${discovery.url} (version ${discovery.version}) does not serve ` +
          `${call.method} ${call.path}; update and restart it.`,
        2,
      );
    }
    throw new CliFailure(message, response.status >= 500 ? 2 : 1);
  }
}

function unreachable(dataDir: string, discovery: DaemonDiscovery, error: unknown): CliFailure {
  const cause = (error as { cause?: { code?: string } }).cause;
  const reason = cause?.code ?? (error as Error).message;
  const alive = isProcessAlive(discovery.pid);
  const detail = alive
    ? `process ${discovery.pid} exists but nothing answers at ${discovery.url} (${reason})`
    : `the discovery file names process ${discovery.pid}, which is no longer running (${reason})`;
  return new CliFailure(`the daemon for ${dataDir} is not running: ${detail}.\n${startHint(dataDir)}`, 2);
}

function startHint(dataDir: string): string {
  return `Start it with: mlops-lens daemon --data-dir ${JSON.stringify(dataDir)}`;
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
