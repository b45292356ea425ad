/**
 * The daemon's performance figures (issue: ingest, downsampled history, filtered search, RSS),
 * each measured against a real daemon process over real HTTP on a temp data directory.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Run } from '../daemon/api/contract.ts';
import {
  benchDataDir,
  cpuSeconds,
  removeBenchDataDir,
  residentMemory,
  startBenchDaemon,
  type BenchDaemon,
} from './daemon-bench-process.ts';
import { historyLatency } from './daemon-history.bench.ts';
import { ingestThroughLogBatch, rawInsertRate, REQUESTS_IN_FLIGHT } from './daemon-ingest.bench.ts';
import { SEARCH_CASES, SEARCH_RUNS, searchLatency, seedRuns } from './daemon-search.bench.ts';
import type { BenchRow } from './table.ts';

const AREA = 'daemon';
const LONG_METRIC_POINTS = 1_000_000;
const MIXED_REQUESTS = 200;
const HISTORY_MAX_POINTS = 2000;

const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (n: number): string => `${n.toFixed(0)} MiB`;

async function createRun(daemon: BenchDaemon, name: string): Promise<string> {
  const reply = await daemon.post('runs/create', JSON.stringify({ experiment_id: '0', run_name: name }));
  return (JSON.parse(reply) as { run: Run }).run.info.run_id;
}

/** Samples the daemon's RSS every 50 ms while `work` runs; returns the work's result and the peak. */
async function withRssSampling<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; peakMiB: number }> {
  let peakMiB = residentMemory(pid).rssMiB;
  const timer = setInterval(() => {
    peakMiB = Math.max(peakMiB, residentMemory(pid).rssMiB);
  }, 50);
  try {
    const result = await work();
    return { result, peakMiB: Math.max(peakMiB, residentMemory(pid).rssMiB) };
  } finally {
    clearInterval(timer);
  }
}

/** Ingest, raw SQLite side by side, downsampled history, RSS idle and under ingest. */
export async function benchDaemonTracking(): Promise<BenchRow[]> {
  const dataDir = benchDataDir('ingest');
  const daemon = await startBenchDaemon(dataDir);
  const rows: BenchRow[] = [
    {
      area: AREA,
      measure: 'host: CPUs and 1-minute load average before the daemon runs (writes wait on fsync)',
      value: `${availableParallelism()} CPUs, load ${(loadavg()[0] ?? 0).toFixed(1)}`,
      target: '—',
      note: 'other work on the host slows the figures below',
    },
  ];
  try {
    const idle = residentMemory(daemon.pid);
    const longRun = await createRun(daemon, 'long-curve');
    const requests = LONG_METRIC_POINTS / 1000;
    const cpuBefore = cpuSeconds(daemon.pid);
    const { result: ingest, peakMiB } = await withRssSampling(daemon.pid, () =>
      ingestThroughLogBatch(daemon, longRun, ['loss'], requests),
    );
    const daemonCpu = cpuSeconds(daemon.pid) - cpuBefore;
    const mixedRun = await createRun(daemon, 'ten-metrics');
    const keys = Array.from({ length: 10 }, (_, i) => `metric_${i}`);
    const mixed = await ingestThroughLogBatch(daemon, mixedRun, keys, MIXED_REQUESTS);
    const raw = rawInsertRate(dataDir, longRun, ['loss'], requests);
    const ratio = ingest.pointsPerSecond / raw.pointsPerSecond;
    rows.push(
      {
        area: AREA,
        measure: `ingest, runs/log-batch 1,000 points/request, ${REQUESTS_IN_FLIGHT} in flight, 1 metric × ${thousands(ingest.points)} steps`,
        value: `${thousands(ingest.pointsPerSecond)} points/s (${ingest.seconds.toFixed(1)} s)`,
        target: '≥ 200,000 points/s',
        note: `daemon CPU ${daemonCpu.toFixed(1)} s (${((daemonCpu / ingest.seconds) * 100).toFixed(0)}% of a core)`,
      },
      {
        area: AREA,
        measure: `ingest, same, 10 metrics × ${thousands(mixed.points / 10)} steps`,
        value: `${thousands(mixed.pointsPerSecond)} points/s (${mixed.seconds.toFixed(1)} s)`,
        target: '≥ 200,000 points/s',
      },
      {
        area: AREA,
        measure: `raw better-sqlite3, same ${thousands(raw.points)} rows, metrics table + unique index, WAL, sync FULL, 1,000/tx`,
        value: `${thousands(raw.pointsPerSecond)} points/s (${raw.seconds.toFixed(1)} s)`,
        target: 'reference',
      },
      {
        area: AREA,
        measure: 'ingest over HTTP / raw inserts (1 metric)',
        value: `${(ratio * 100).toFixed(0)}%`,
        target: '≥ 25%',
      },
    );
    const history = await historyLatency(daemon, longRun, 'loss', HISTORY_MAX_POINTS, 40);
    rows.push({
      area: AREA,
      measure: `metrics/get-history, ${thousands(LONG_METRIC_POINTS)}-point metric, max_points=${HISTORY_MAX_POINTS} (${history.returned} returned), 40 reads`,
      value: history.text,
      target: 'p95 ≤ 50 ms',
    });
    const after = residentMemory(daemon.pid);
    rows.push(
      { area: AREA, measure: 'RSS idle, fresh data directory', value: mib(idle.rssMiB), target: '—' },
      {
        area: AREA,
        measure: `RSS under ingest load (peak of 50 ms samples; VmHWM ${mib(after.peakMiB)})`,
        value: mib(peakMiB),
        target: '—',
      },
      {
        area: AREA,
        measure: 'RSS idle after ingest and history reads',
        value: mib(after.rssMiB),
        target: '—',
      },
    );
  } finally {
    await daemon.stop();
    removeBenchDataDir(dataDir);
  }
  return rows;
}

/** runs/search with metric filters over 100k runs seeded through the store module. */
export async function benchDaemonSearch(): Promise<BenchRow[]> {
  const dataDir = benchDataDir('search');
  const rows: BenchRow[] = [];
  try {
    const seeded = seedRuns(dataDir, SEARCH_RUNS);
    const start = performance.now();
    const daemon = await startBenchDaemon(dataDir);
    const startup = performance.now() - start;
    try {
      const idle = residentMemory(daemon.pid);
      for (const search of SEARCH_CASES) {
        const latency = await searchLatency(daemon, seeded.experimentId, search, 30);
        rows.push({
          area: AREA,
          measure: `runs/search over ${thousands(SEARCH_RUNS)} runs, ${search.label} (${latency.returned} returned)`,
          value: latency.text,
          target: search.maxResults <= 100 ? 'p95 ≤ 100 ms' : '—',
        });
      }
      const after = residentMemory(daemon.pid);
      rows.push(
        {
          area: AREA,
          measure: `RSS idle with ${thousands(SEARCH_RUNS)} runs (seeded into its SQLite file in ${seeded.seconds.toFixed(1)} s; daemon ready in ${startup.toFixed(0)} ms)`,
          value: mib(idle.rssMiB),
          target: '—',
        },
        { area: AREA, measure: 'RSS after the searches', value: mib(after.rssMiB), target: '—' },
      );
    } finally {
      await daemon.stop();
    }
  } finally {
    removeBenchDataDir(dataDir);
  }
  return rows;
}
