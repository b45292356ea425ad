/**
 * The cluster watcher at scale: a real daemon process watching the fake API server's simulated
 * cluster of 5,000 nodes and 150,000 pods (`addLargeCluster`): initial sync time, the daemon's
 * RSS and CPU, and event-to-client latency (a pod changed through the fake's HTTP control API,
 * seen on the daemon's `/events` stream).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { NATIVE_API_PREFIX, type ClusterStateResponse } from '../daemon/api/contract.ts';
import { DAEMON_NODE_FLAGS } from '../extension/daemon/daemon-launcher.ts';
import { callDaemon, startDaemonProcess, type SpawnedDaemon } from '../test/daemon/daemon-process.ts';
import { openEventStream } from '../test/daemon/event-stream-client.ts';
import { startFakeKube } from '../test/fake-kube/fake-kube-server.ts';
import { writeKubeconfig } from '../test/fake-kube/kubeconfig.ts';
import { addLargeCluster } from '../test/fake-kube/large-cluster.ts';
import { cpuSeconds, percentile, residentMemory } from './daemon-bench-process.ts';
import type { BenchRow } from './table.ts';

const AREA = 'clusters';
const NODES = 5000;
const PODS_PER_NODE = 30;
const LATENCY_SAMPLES = 100;

const CONTEXT = 'fake-gpu-cluster';

const mib = (n: number): string => `${n.toFixed(0)} MiB`;

interface SyncFigures {
  seconds: number;
  cpuSeconds: number;
  idleMiB: number;
  syncedMiB: number;
  peakMiB: number;
}

/** Starts a daemon (with `nodeFlags` in NODE_OPTIONS), enables the context and waits for every pod. */
async function syncOnce(
  dir: string,
  kubeconfig: string,
  pods: number,
  nodeFlags: readonly string[],
): Promise<{ daemon: SpawnedDaemon; figures: SyncFigures }> {
  const saved = { KUBECONFIG: process.env.KUBECONFIG, NODE_OPTIONS: process.env.NODE_OPTIONS };
  process.env.KUBECONFIG = kubeconfig;
  process.env.NODE_OPTIONS = [saved.NODE_OPTIONS ?? '', ...nodeFlags].join(' ').trim();
  let daemon: SpawnedDaemon;
  try {
    daemon = await startDaemonProcess(mkdtempSync(path.join(dir, 'data-')), [], 'bundle');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const pid = daemon.child.pid ?? 0;
  const idle = residentMemory(pid);
  const cpuBefore = cpuSeconds(pid);
  let peakMiB = idle.rssMiB;
  const sampler = setInterval(() => {
    peakMiB = Math.max(peakMiB, residentMemory(pid).rssMiB);
  }, 50);
  const started = performance.now();
  try {
    const enabled = await callDaemon(daemon, 'POST', `${NATIVE_API_PREFIX}/clusters/contexts/settings`, {
      context: CONTEXT,
      enabled: true,
    });
    if (enabled.status !== 200) throw new Error(`cannot enable the context: ${enabled.text}`);
    const deadline = Date.now() + 600_000;
    for (;;) {
      const reply = await callDaemon(daemon, 'GET', `${NATIVE_API_PREFIX}/clusters/state`, undefined, {
        context: CONTEXT,
      });
      const state = reply.json as ClusterStateResponse;
      const synced = state.freshness.resources.find((r) => r.resource === 'pods');
      if (state.freshness.state === 'live' && synced && synced.objects >= pods) break;
      if (Date.now() > deadline)
        throw new Error(`no initial sync within 10 minutes: ${reply.text.slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    daemon.child.kill('SIGTERM');
    throw error;
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const figures = {
    seconds,
    cpuSeconds: cpuSeconds(pid) - cpuBefore,
    idleMiB: idle.rssMiB,
    syncedMiB: residentMemory(pid).rssMiB,
    peakMiB: Math.max(peakMiB, residentMemory(pid).peakMiB),
  };
  return { daemon, figures };
}

/** Changes one pod at a time through the fake's HTTP control API; the time until /events tells of it. */
async function eventLatencies(daemon: SpawnedDaemon, fakeUrl: string, pods: number): Promise<number[]> {
  const stream = await openEventStream(
    daemon.port,
    { authorization: `Bearer ${daemon.token}`, host: `127.0.0.1:${daemon.port}` },
    '?type=cluster_objects_changed',
  );
  const latencies: number[] = [];
  try {
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const index = (i * 1499) % pods;
      const namespace = `sim-${String(index % 50).padStart(2, '0')}`;
      const name = `worker-${String(index).padStart(6, '0')}`;
      const key = `pods/${namespace}/${name}`;
      const sent = performance.now();
      const response = await fetch(`${fakeUrl}/fake-kube/modify`, {
        method: 'POST',
        body: JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          namespace,
          name,
          merge: { metadata: { labels: { 'bench-sample': String(i) } } },
        }),
      });
      if (!response.ok) throw new Error(`the fake refused the change: ${await response.text()}`);
      await stream.waitFor(
        (events) =>
          events.some((e) => e.data.type === 'cluster_objects_changed' && e.data.keys.includes(key)),
        10_000,
      );
      latencies.push(performance.now() - sent);
      stream.events.length = 0;
    }
  } finally {
    stream.close();
  }
  return latencies.sort((a, b) => a - b);
}

async function stopDaemon(daemon: SpawnedDaemon): Promise<void> {
  daemon.child.kill('SIGTERM');
  await daemon.exited;
}

export async function benchClusters(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-bench-clusters-'));
  const fake = await startFakeKube({ bookmarkIntervalMs: 1000 });
  const { pods } = addLargeCluster(fake, { nodes: NODES, podsPerNode: PODS_PER_NODE });
  const kubeconfig = await writeKubeconfig(dir, fake);
  const scale = `${NODES.toLocaleString('en-US')} nodes, ${pods.toLocaleString('en-US')} pods`;
  const rows: BenchRow[] = [
    {
      area: AREA,
      measure:
        'host: CPUs and 1-minute load average (shared machine; the fake server runs in the bench process)',
      value: `${availableParallelism()} CPUs, load ${(loadavg()[0] ?? 0).toFixed(1)}`,
      target: '—',
    },
  ];
  const syncRows = (figures: SyncFigures, how: string): BenchRow[] => [
    {
      area: AREA,
      measure: `initial sync of ${scale}, ${how} (wall; daemon CPU)`,
      value: `${figures.seconds.toFixed(1)} s; ${figures.cpuSeconds.toFixed(1)} s CPU`,
      target: '—',
    },
    {
      area: AREA,
      measure: `daemon RSS, ${how}: idle before; after the sync; peak`,
      value: `${mib(figures.idleMiB)}; ${mib(figures.syncedMiB)}; ${mib(figures.peakMiB)}`,
      target: '≤ 300 MiB',
      note: figures.peakMiB <= 300 ? '' : 'over target',
    },
  ];
  try {
    const launched = await syncOnce(dir, kubeconfig, pods, DAEMON_NODE_FLAGS);
    try {
      rows.push(
        ...syncRows(launched.figures, `as the extension launches it (${DAEMON_NODE_FLAGS.join(' ')})`),
      );
      const latencies = await eventLatencies(launched.daemon, fake.url, pods);
      const p95 = percentile(latencies, 0.95);
      rows.push(
        {
          area: AREA,
          measure: `event to client: pod changed through the fake's control API → daemon /events (${LATENCY_SAMPLES} changes; p50, p95)`,
          value: `${percentile(latencies, 0.5).toFixed(0)} ms, ${p95.toFixed(0)} ms`,
          target: 'p95 ≤ 1000 ms',
          note: p95 <= 1000 ? '' : 'over target',
        },
        {
          area: AREA,
          measure: 'daemon RSS after the latency run',
          value: mib(residentMemory(launched.daemon.child.pid ?? 0).rssMiB),
          target: '≤ 300 MiB',
        },
      );
    } finally {
      await stopDaemon(launched.daemon);
    }
    const plain = await syncOnce(dir, kubeconfig, pods, []);
    await stopDaemon(plain.daemon);
    rows.push(...syncRows(plain.figures, 'plain `node` (no flags)'));
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
