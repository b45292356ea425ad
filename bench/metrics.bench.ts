/**
 * GPU metrics of a fleet through real Prometheus: 500 nodes × 8 GPUs, two per node split into
 * seven MIG slices (10,000 slices, 30,000 DCGM series), scraped every 5 s. Per daemon query: CPU
 * time of this process (the exporter runs in a child process, Prometheus is its own) and wall
 * time, for GPU use now (values and scrape times joined per slice and pod), peak memory per
 * workload over 24 h, and 5 minutes of history at a 15 s step. Skipped without `prometheus`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { ClusterMetrics } from '../daemon/metrics/cluster-metrics.ts';
import { PrometheusClient } from '../daemon/metrics/prometheus-client.ts';
import { openTrackingStore } from '../daemon/store/tracking-store.ts';
import { prometheusMissing, startPrometheus } from '../test/metrics/prometheus-process.ts';
import { percentile } from './daemon-bench-process.ts';
import type { BenchRow } from './table.ts';

const AREA = 'metrics';
const NODES = 500;
const RUNS = 5;

async function measure(run: () => Promise<unknown>): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const since = process.cpuUsage();
    await run();
    const used = process.cpuUsage(since);
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - started);
  }
  const median = (values: number[]) =>
    percentile(
      values.sort((a, b) => a - b),
      0.5,
    );
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

export async function benchMetrics(): Promise<BenchRow[]> {
  const missing = prometheusMissing('the metrics bench');
  if (missing !== undefined)
    return [{ area: AREA, measure: 'GPU metrics of a fleet', value: 'skipped', target: '—', note: missing }];
  const exporter = spawn(
    process.execPath,
    [path.join(import.meta.dirname, 'metrics-fleet-exporter.ts'), String(NODES)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(createInterface({ input: exporter.stdout }), 'line')) as [string];
  const [port, slices] = line.split(' ').map(Number) as [number, number];
  const prometheus = await startPrometheus([{ job: 'dcgm', targets: [`127.0.0.1:${port}`] }], 5);
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-bench-metrics-'));
  const store = openTrackingStore({ dbPath: path.join(dir, 'tracking.db') });
  try {
    const client = new PrometheusClient({ baseUrl: prometheus.url, timeoutMs: 60_000 });
    const deadline = Date.now() + 120_000;
    while ((await client.instant('count(DCGM_FI_DEV_FB_USED)'))[0]?.value !== slices) {
      if (Date.now() > deadline) throw new Error('the fleet was not scraped within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    store.write(() =>
      store.prometheus.put({
        context: 'fleet',
        source: { kind: 'url', url: prometheus.url },
        timeout_ms: 60_000,
        serving_selector: '',
        rate_window: '5m',
        p99_latency_query: 'vector(0)',
        error_rate_query: 'vector(0)',
        updated_time: Date.now(),
      }),
    );
    const metrics = new ClusterMetrics({ store });
    const usage = await metrics.gpuUsage('fleet');
    if (usage.slices.length !== slices)
      throw new Error(`gpu-usage saw ${usage.slices.length} of ${slices} slices`);
    const now = await measure(() => metrics.gpuUsage('fleet'));
    const peak = await measure(() => metrics.peakMemory('fleet', '24h'));
    const history = await measure(() => metrics.gpuHistory('fleet', 5, 15));
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    const note = `median of ${RUNS}; ${availableParallelism()} CPUs, load ${load}, shared machine`;
    const row = (measure: string, m: { cpuMs: number; wallMs: number }): BenchRow => ({
      area: AREA,
      measure,
      value: `${m.cpuMs.toFixed(0)} ms CPU; ${m.wallMs.toFixed(0)} ms wall`,
      target: '—',
      note,
    });
    return [
      row(
        `GPU use now, ${slices.toLocaleString('en')} slices, ${usage.pods.length.toLocaleString('en')} pods`,
        now,
      ),
      row('peak GPU memory per workload, 24 h window', peak),
      row(`GPU history, 5 min at 15 s (${(slices * 3).toLocaleString('en')} series)`, history),
    ];
  } finally {
    store.close();
    await prometheus.close();
    exporter.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
