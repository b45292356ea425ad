/**
 * Test harness: the daemon's real HTTP app on a loopback port over a SQLite file in a temp
 * folder, and a raw HTTP client that can set any header (Host included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ProvenanceGateMode } from '../../daemon/api/contract.ts';
import { createDaemonApp, type DaemonAppOptions } from '../../daemon/http/daemon-app.ts';
import { ChangeFeed } from '../../daemon/http/events/change-feed.ts';
import { createLogger, type Logger } from '../../daemon/log/logger.ts';
import { ArtifactBlobs } from '../../daemon/store/artifact-blobs.ts';
import { openTrackingStore, type TrackingStore } from '../../daemon/store/tracking-store.ts';

export const TEST_TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The parsed JSON body (undefined when the body is not JSON). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: Buffer | string;
  headers?: Record<string, string | undefined>;
  query?: Record<string, string | string[]>;
}

const createdDirs: string[] = [];
process.once('exit', () => {
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed when the test process exits. */
export function tempDir(prefix = 'mlops-lens-daemon-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  createdDirs.push(dir);
  return dir;
}

/** Sends one request to 127.0.0.1:port; headers set to undefined are left out. */
export function sendRequest(
  port: number,
  method: string,
  urlPath: string,
  options: RequestOptions = {},
): Promise<HttpResult> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
  }
  const fullPath = search.size > 0 ? `${urlPath}?${search.toString()}` : urlPath;
  const payload =
    options.rawBody !== undefined
      ? Buffer.from(options.rawBody)
      : options.body !== undefined
        ? Buffer.from(JSON.stringify(options.body))
        : undefined;
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    authorization: `Bearer ${TEST_TOKEN}`,
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(payload !== undefined ? { 'content-length': String(payload.length) } : {}),
  };
  for (const [key, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[key.toLowerCase()];
    else headers[key.toLowerCase()] = value;
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path: fullPath, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface TestDaemon {
  port: number;
  dataDir: string;
  store: TrackingStore;
  app: FastifyInstance;
  /** The change feed behind `/events`. */
  feed: ChangeFeed;
  logLines: string[];
  call(method: string, urlPath: string, options?: RequestOptions): Promise<HttpResult>;
  /** POST/GET under /api/2.0/mlflow/. */
  mlflow(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    endpoint: string,
    payload?: Record<string, unknown>,
  ): Promise<HttpResult>;
  close(): Promise<void>;
}

/** The calls the test scenarios make of a daemon: its routes and its MLflow API. */
export type DaemonCalls = Pick<TestDaemon, 'call' | 'mlflow'>;

/** Calls to the daemon on `port` over real HTTP, authorised by `token` (a spawned daemon's own). */
export function daemonCalls(port: number, token = TEST_TOKEN): DaemonCalls {
  const authorization = `Bearer ${token}`;
  const call = (method: string, urlPath: string, options: RequestOptions = {}): Promise<HttpResult> =>
    sendRequest(port, method, urlPath, { ...options, headers: { authorization, ...options.headers } });
  return {
    call,
    mlflow: (method, endpoint, payload) =>
      method === 'GET'
        ? call(method, `/api/2.0/mlflow/${endpoint}`, { query: toQuery(payload ?? {}) })
        : call(method, `/api/2.0/mlflow/${endpoint}`, { body: payload ?? {} }),
  };
}

export async function startTestDaemon(
  options: {
    bodyLimit?: number;
    logger?: Logger;
    maxDatabaseBytes?: number;
    extraHostnames?: string[];
    provenanceGate?: ProvenanceGateMode;
    events?: { ringSize?: number; coalesceMs?: number; heartbeatMs?: number };
    metrics?: DaemonAppOptions['metrics'];
    clusters?: DaemonAppOptions['clusters'];
    driftPool?: DaemonAppOptions['driftPool'];
    deployments?: DaemonAppOptions['deployments'];
  } = {},
): Promise<TestDaemon> {
  const dataDir = tempDir();
  const store = openTrackingStore({
    dbPath: path.join(dataDir, 'tracking.db'),
    maxBytes: options.maxDatabaseBytes,
  });
  const logLines: string[] = [];
  const feed = new ChangeFeed({ ringSize: options.events?.ringSize, coalesceMs: options.events?.coalesceMs });
  const logger = options.logger ?? createLogger((line) => logLines.push(line));
  logger.addSecret(TEST_TOKEN);
  const app = await createDaemonApp({
    store,
    blobs: new ArtifactBlobs(path.join(dataDir, 'artifacts')),
    token: TEST_TOKEN,
    logger,
    bodyLimit: options.bodyLimit,
    extraHostnames: options.extraHostnames,
    provenanceGate: options.provenanceGate,
    changeFeed: feed,
    eventHeartbeatMs: options.events?.heartbeatMs,
    metrics: options.metrics,
    clusters: options.clusters,
    driftPool: options.driftPool,
    deployments: options.deployments,
    gpuPricesFile: path.join(dataDir, 'gpu-prices.json'),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    port,
    dataDir,
    store,
    app,
    feed,
    logLines,
    ...daemonCalls(port),
    close: async () => {
      await app.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function toQuery(payload: Record<string, unknown>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(payload)) {
    query[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return query;
}
