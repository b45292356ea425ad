/** How runs and their values read in the CLI's tables: short ids, times, durations, numbers. */
import type { KeyValue, Metric, Run } from '../api/contract.ts';

export const SHORT_ID_LENGTH = 8;

export function shortId(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}

export function tagValue(tags: readonly KeyValue[], key: string): string | undefined {
  return tags.find((tag) => tag.key === key)?.value;
}

/** Local time to the minute, `YYYY-MM-DD HH:MM`; empty for a missing time. */
export function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs) || epochMs <= 0) return '';
  const d = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** `850ms`, `42s`, `3m 05s`, `2h 10m`, `3d 4h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A run's duration; a running run counts up to `now`. */
export function runDuration(run: Run, now: number): string {
  const { start_time: start, end_time: end, status } = run.info;
  if (end !== undefined && end > 0) return formatDuration(end - start);
  return status === 'RUNNING' ? `${formatDuration(now - start)}+` : '';
}

/** Four significant digits; NaN and the clamped infinities by name. */
export function formatMetricValue(value: Metric['value']): string {
  if (value === 'NaN') return 'NaN';
  if (value >= 1.7976931348623157e308) return 'inf';
  if (value <= -1.7976931348623157e308) return '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return value.toExponential(3);
  const rounded = value.toPrecision(4);
  // Exact values print as they are (0.25); rounded ones keep their digits (0.99997 reads 1.000, not 1).
  return Number(rounded) === value ? String(value) : rounded;
}

export function metricValue(run: Run, key: string): string {
  const metric = run.data.metrics.find((m) => m.key === key);
  return metric === undefined ? '' : formatMetricValue(metric.value);
}

/** The metric keys most runs share, most common first, then by name. */
export function commonMetricKeys(runs: readonly Run[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) for (const m of run.data.metrics) counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([key]) => key);
}
