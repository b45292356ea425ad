/**
 * A fake Kubernetes API server and the daemon's real HTTP app watching it: a kubeconfig in a
 * temp folder, a SQLite store, short watch deadlines, and helpers to call the cluster routes and
 * wait for what they answer.
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ReflectorTiming } from '../../daemon/clusters/reflector.ts';
import type { DaemonAppOptions } from '../../daemon/http/daemon-app.ts';
import type { ChangeFeed } from '../../daemon/http/events/change-feed.ts';
import type { TrackingStore } from '../../daemon/store/tracking-store.ts';
import { sendRequest, startTestDaemon, tempDir, type HttpResult } from '../daemon/daemon-harness.ts';
import { startFakeKube, type FakeKube, type FakeKubeOptions } from '../fake-kube/fake-kube-server.ts';

export const CONTEXT = 'fake-gpu-cluster';

export const FAST_TIMING: Partial<ReflectorTiming> = {
  silenceMs: 3000,
  backoffInitialMs: 50,
  backoffMaxMs: 400,
  watchTimeoutSeconds: 60,
  pageSize: 3,
};

export interface ClusterDaemon {
  fake: FakeKube;
  port: number;
  dir: string;
  store: TrackingStore;
  /** The daemon's HTTP app (closing it stops the daemon's services; the store stays open). */
  app: FastifyInstance;
  feed: ChangeFeed;
  logLines: string[];
  kubeconfig: string;
  call(
    method: string,
    route: string,
    options?: { query?: Record<string, string>; body?: unknown },
  ): Promise<HttpResult>;
  /** GET a cluster route of CONTEXT until `done` holds for its JSON (rejects after `timeoutMs`). */
  until<T>(route: string, done: (body: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** A kubeconfig with one context for the fake server, its user given by `user`. */
export async function writeKubeconfig(
  dir: string,
  server: string,
  user: Record<string, unknown>,
  cluster: Record<string, unknown> = {},
): Promise<string> {
  const file = path.join(dir, 'kubeconfig');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT, cluster: { server, ...cluster } }],
    users: [{ name: 'tester', user }],
    contexts: [{ name: CONTEXT, context: { cluster: CONTEXT, user: 'tester' } }],
    'current-context': CONTEXT,
  };
  await writeFile(file, stringify(config), { mode: 0o600 });
  return file;
}

export async function startClusterDaemon(
  options: {
    fake?: FakeKubeOptions;
    user?: (fake: FakeKube, dir: string) => Promise<Record<string, unknown>> | Record<string, unknown>;
    /** Fields of the kubeconfig's cluster entry besides `server` (a CA, TLS options). */
    cluster?: (fake: FakeKube) => Record<string, unknown>;
    timing?: Partial<ReflectorTiming>;
    enable?: boolean;
    snapshotIntervalMs?: number;
    metrics?: DaemonAppOptions['metrics'];
    deployments?: DaemonAppOptions['deployments'];
  } = {},
): Promise<ClusterDaemon> {
  const fake = await startFakeKube({ bookmarkIntervalMs: 500, ...options.fake });
  const dir = tempDir('mlops-lens-clusters-');
  const user = options.user ? await options.user(fake, dir) : { token: fake.token };
  const kubeconfig = await writeKubeconfig(dir, fake.url, user, options.cluster?.(fake));
  const daemon = await startTestDaemon({
    clusters: {
      kubeconfigFiles: () => [kubeconfig],
      timing: { ...FAST_TIMING, ...options.timing },
      batchWindowMs: 20,
      snapshotIntervalMs: options.snapshotIntervalMs ?? 60_000,
    },
    metrics: options.metrics,
    deployments: options.deployments,
  });
  const { port, store, feed, logLines } = daemon;
  const call: ClusterDaemon['call'] = (method, route, requestOptions = {}) =>
    sendRequest(port, method, `${NATIVE_API_PREFIX}/clusters/${route}`, requestOptions);
  const until = async <T>(route: string, done: (body: T) => boolean, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      const reply = await call('GET', route, { query: { context: CONTEXT } });
      last = reply.json;
      if (reply.status === 200 && done(reply.json as T)) return reply.json as T;
      if (Date.now() > deadline) {
        throw new Error(
          `clusters/${route} did not get there within ${timeoutMs} ms; last answer: ${JSON.stringify(last).slice(0, 1500)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  if (options.enable ?? true) {
    const enabled = await call('POST', 'contexts/settings', { body: { context: CONTEXT, enabled: true } });
    if (enabled.status !== 200) throw new Error(`cannot enable ${CONTEXT}: ${enabled.text}`);
  }
  return {
    fake,
    port,
    dir,
    store,
    app: daemon.app,
    feed,
    logLines,
    kubeconfig,
    call,
    until,
    close: async () => {
      await daemon.close();
      await fake.close();
    },
  };
}
