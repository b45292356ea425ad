/**
 * Idle GPUs: in a context's GPU history (DCGM utilisation per GPU or MIG slice), the slices held
 * by a pod whose utilisation stayed under the threshold at every scraped step of the span, and
 * whose scraped steps cover most of it (a pod seen for ten minutes is not idle "for hours").
 */
import type { GpuUsageHistoryResponse } from '../api/contract.ts';
import type { IdleGpu } from '../api/cost-contract.ts';

export const DEFAULT_IDLE_THRESHOLD_PERCENT = 5;
export const DEFAULT_IDLE_HOURS = 4;
/** Share of the span the scraped points must cover, first to last. */
export const IDLE_MIN_COVERAGE = 0.9;

export function idleGpus(history: GpuUsageHistoryResponse, thresholdPercent: number): IdleGpu[] {
  const spanMs = history.end - history.start;
  const idle: IdleGpu[] = [];
  for (const { slice, metric, points } of history.series) {
    if (metric !== 'util_percent' || slice.pod === undefined || slice.namespace === undefined) continue;
    const first = points[0];
    const last = points[points.length - 1];
    if (first === undefined || last === undefined) continue;
    const covered = last[0] - first[0] + history.step_seconds * 1000;
    if (covered < IDLE_MIN_COVERAGE * spanMs) continue;
    const values = points.map(([, value]) => value);
    const max = Math.max(...values);
    if (max >= thresholdPercent) continue;
    const gpu: IdleGpu = {
      namespace: slice.namespace,
      pod: slice.pod,
      hostname: slice.hostname,
      gpu: slice.gpu,
      model_name: slice.model_name,
      max_util_percent: max,
      mean_util_percent: values.reduce((sum, v) => sum + v, 0) / values.length,
      idle_hours: covered / 3_600_000,
      samples: values.length,
    };
    if (slice.mig_profile !== undefined) gpu.mig_profile = slice.mig_profile;
    idle.push(gpu);
  }
  return idle.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod));
}
