/**
 * Shapes the daemon's GPU history (one series per slice and metric, each with its own
 * `[time, value]` points) into one columnar series per GPU or MIG slice: use and framebuffer on
 * one ascending time axis, `null` where a metric has no sample at a time the other has, and a
 * `null` time between two points more than a step apart (the daemon leaves out the steps when
 * nothing was scraped), so that uPlot draws a gap there rather than a line across it. Pure.
 */
import type { GpuSlice, GpuUsageHistoryResponse } from '../../daemon/api/contract.ts';
import type { GpuBoardData, SliceSeries } from './contract.ts';

export function sliceKey(slice: GpuSlice): string {
  return `${slice.hostname}/${slice.uuid}/${slice.mig_instance ?? ''}`;
}

interface Collected {
  slice: GpuSlice;
  util: Map<number, number>;
  fbUsed: Map<number, number>;
  fbFree: Map<number, number>;
}

function lastValue(points: ReadonlyMap<number, number>, times: readonly number[]): number | undefined {
  for (let i = times.length - 1; i >= 0; i--) {
    const value = points.get(times[i] as number);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Host, then GPU index (numerically), then MIG instance: the order nvidia-smi lists them. */
function compareSlices(a: SliceSeries, b: SliceSeries, instance: Map<string, string>): number {
  const gpu = (s: SliceSeries): number => Number.parseInt(s.gpu, 10);
  return (
    a.hostname.localeCompare(b.hostname) ||
    gpu(a) - gpu(b) ||
    a.gpu.localeCompare(b.gpu) ||
    (instance.get(a.key) ?? '').localeCompare(instance.get(b.key) ?? '', undefined, { numeric: true })
  );
}

/**
 * The times with one more after each point that is followed by a missing step, at which every
 * column is `null`.
 */
function withGaps(times: readonly number[], stepMs: number): number[] {
  const result: number[] = [];
  for (const [i, time] of times.entries()) {
    result.push(time);
    const next = times[i + 1];
    if (next !== undefined && next - time > 1.5 * stepMs) result.push(time + stepMs);
  }
  return result;
}

export function sliceSeries(history: GpuUsageHistoryResponse['series'], stepSeconds: number): SliceSeries[] {
  const collected = new Map<string, Collected>();
  const podOf = new Map<string, string>();
  for (const { slice, metric, points } of history) {
    const key = sliceKey(slice);
    let entry = collected.get(key);
    if (!entry) {
      entry = { slice, util: new Map(), fbUsed: new Map(), fbFree: new Map() };
      collected.set(key, entry);
    }
    const target =
      metric === 'util_percent' ? entry.util : metric === 'fb_used_mib' ? entry.fbUsed : entry.fbFree;
    for (const [time, value] of points) target.set(time, value);
    // A slice's pod can change within the window; the series with the latest point names it.
    if (slice.pod !== undefined && points.length > 0) podOf.set(key, `${slice.namespace ?? ''}/${slice.pod}`);
  }
  const instances = new Map<string, string>();
  const result: SliceSeries[] = [];
  for (const [key, { slice, util, fbUsed, fbFree }] of collected) {
    const sampled = [...new Set([...util.keys(), ...fbUsed.keys()])].sort((a, b) => a - b);
    const times = withGaps(sampled, stepSeconds * 1000);
    const used = lastValue(fbUsed, sampled);
    const free = lastValue(
      fbFree,
      [...fbFree.keys()].sort((a, b) => a - b),
    );
    const pod = podOf.get(key);
    instances.set(key, slice.mig_instance ?? '');
    result.push({
      key,
      hostname: slice.hostname,
      gpu: slice.gpu,
      modelName: slice.model_name,
      ...(slice.mig_profile !== undefined ? { migProfile: slice.mig_profile } : {}),
      ...(pod !== undefined ? { pod } : {}),
      times,
      util: times.map((t) => util.get(t) ?? null),
      fbUsed: times.map((t) => fbUsed.get(t) ?? null),
      ...(used !== undefined && free !== undefined ? { fbTotal: used + free } : {}),
    });
  }
  return result.sort((a, b) => compareSlices(a, b, instances));
}

/** The board's data: never numbers when Prometheus is unavailable. */
export function boardData(response: GpuUsageHistoryResponse, minutes: number): GpuBoardData {
  const { availability } = response;
  const available = availability.state === 'available';
  return {
    context: response.context,
    minutes,
    stepSeconds: response.step_seconds,
    availability: {
      state: availability.state,
      checkedTime: availability.checked_time,
      ...(availability.unavailable_since !== undefined
        ? { unavailableSince: availability.unavailable_since }
        : {}),
      ...(availability.reason !== undefined ? { reason: availability.reason } : {}),
    },
    slices: available ? sliceSeries(response.series, response.step_seconds) : [],
  };
}
