/** metrics/get-history of a long metric, downsampled on the server with `max_points`. */
import { performance } from 'node:perf_hooks';
import type { MetricHistoryResponse } from '../daemon/api/contract.ts';
import { latencySummary, type BenchDaemon } from './daemon-bench-process.ts';

export interface HistoryLatency {
  p50: number;
  p95: number;
  text: string;
  /** Points in the reply (at most maxPoints). */
  returned: number;
}

export async function historyLatency(
  daemon: BenchDaemon,
  runId: string,
  key: string,
  maxPoints: number,
  samples: number,
): Promise<HistoryLatency> {
  const query = { run_id: runId, metric_key: key, max_points: String(maxPoints) };
  // The first read warms SQLite's page cache, as an open chart would have.
  const first = JSON.parse(await daemon.get('metrics/get-history', query)) as MetricHistoryResponse;
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await daemon.get('metrics/get-history', query);
    times.push(performance.now() - start);
  }
  return { ...latencySummary(times), returned: first.metrics.length };
}
