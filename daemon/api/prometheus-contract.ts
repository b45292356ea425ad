/**
 * Metrics: a context's Prometheus (DCGM GPU metrics, serving latency and errors), under
 * `${NATIVE_API_PREFIX}/metrics`: where it is, and the GPU usage, peak memory and serving health
 * read from it. Types only.
 */
import type { WorkloadRef } from './cluster-contract.ts';

/** A Prometheus URL, or a Service reached through the context's API server service proxy. */
export type PrometheusSource =
  | { kind: 'url'; url: string }
  | { kind: 'service'; namespace: string; service: string; port: string; scheme?: 'http' | 'https' };

/**
 * PUT and GET `metrics/prometheus`: one context's Prometheus. The serving queries are PromQL
 * templates where `$selector` becomes `serving_selector` and `$window` becomes `rate_window`.
 */
export interface PrometheusSettings {
  context: string;
  source: PrometheusSource;
  timeout_ms: number;
  /** Label matchers of the serving workload's series, e.g. `job="churn-serving"` (may be empty). */
  serving_selector: string;
  rate_window: string;
  p99_latency_query: string;
  error_rate_query: string;
  /** The model version being served; its serving alerts are raised against it. */
  serving_model?: { name: string; version: string };
  updated_time: number;
}

/** PUT `metrics/prometheus`: fields left out keep their stored value, else the default. */
export type PrometheusSettingsRequest = Pick<PrometheusSettings, 'context' | 'source'> &
  Partial<
    Pick<
      PrometheusSettings,
      'timeout_ms' | 'serving_selector' | 'rate_window' | 'p99_latency_query' | 'error_rate_query'
    >
  > & {
    /** `null` forgets the served model version. */
    serving_model?: { name: string; version: string } | null;
  };

export interface PrometheusSettingsListResponse {
  settings: PrometheusSettings[];
}

/**
 * Whether the numbers beside it came from Prometheus just now. When Prometheus cannot be
 * reached, no numbers are given at all (never old ones passed off as current) and
 * `unavailable_since` says since when it has been failing.
 */
export interface MetricsAvailability {
  state: 'available' | 'unavailable';
  /** When the daemon last asked (epoch ms). */
  checked_time: number;
  unavailable_since?: number;
  reason?: string;
}

/** One GPU, or one MIG slice of it, as DCGM reports it; pod fields when a pod holds it. */
export interface GpuSlice {
  hostname: string;
  gpu: string;
  uuid: string;
  model_name: string;
  mig_profile?: string;
  mig_instance?: string;
  namespace?: string;
  pod?: string;
  container?: string;
}

export interface GpuSliceUsage extends GpuSlice {
  /** When Prometheus scraped these values (epoch ms); older than `time` when scrapes lag. */
  sampled_time?: number;
  util_percent?: number;
  fb_used_mib?: number;
  fb_free_mib?: number;
}

/** A pod's GPUs together: framebuffer summed, use averaged over its devices. */
export interface PodGpuUsage {
  namespace: string;
  pod: string;
  devices: number;
  util_percent?: number;
  fb_used_mib: number;
  fb_free_mib: number;
}

/** GET `metrics/gpu-usage?context=`: use now, per GPU or MIG slice and per pod. */
export interface GpuUsageResponse {
  context: string;
  availability: MetricsAvailability;
  /** The instant the values are for (epoch ms); absent when unavailable. */
  time?: number;
  slices: GpuSliceUsage[];
  pods: PodGpuUsage[];
}

export type GpuMetricName = 'util_percent' | 'fb_used_mib' | 'fb_free_mib';

/** GET `metrics/gpu-usage/history?context=&minutes=&step_seconds=`: the GPU board's series. */
export interface GpuUsageHistoryResponse {
  context: string;
  availability: MetricsAvailability;
  start: number;
  end: number;
  step_seconds: number;
  series: { slice: GpuSlice; metric: GpuMetricName; points: [time: number, value: number][] }[];
}

/** A pod's owner: read from the cluster's objects, else guessed from the pod's name. */
export interface GpuWorkload extends WorkloadRef {
  resolved_by: 'cluster' | 'pod-name';
}

export interface WorkloadPeakMemory extends GpuWorkload {
  /** The most framebuffer any one of its GPUs or slices held within the window (MiB). */
  peak_fb_used_mib: number;
  /** The size of that device or slice (used + free), when still known in the window (MiB). */
  device_fb_mib?: number;
  pods: string[];
}

/** GET `metrics/gpu-peak-memory?context=&window=1h`. */
export interface PeakGpuMemoryResponse {
  context: string;
  availability: MetricsAvailability;
  window: string;
  workloads: WorkloadPeakMemory[];
}

/**
 * A serving alert rule's verdict. `firing`: the condition held at every evaluation over `for`;
 * `pending`: it holds now but not yet for that long; `inactive`: it does not hold now;
 * `unknown`: no data (no traffic, or Prometheus unavailable).
 */
export interface ServingAlertVerdict {
  rule: 'serving_p99_latency' | 'serving_error_rate';
  state: 'firing' | 'pending' | 'inactive' | 'unknown';
  threshold: number;
  for_seconds: number;
  value?: number;
  /** Since when the condition has held without a break (epoch ms). */
  active_since?: number;
  summary: string;
}

/** GET `metrics/serving?context=`: p99 latency (seconds) and 5xx share now, and the two alerts. */
export interface ServingHealthResponse {
  context: string;
  availability: MetricsAvailability;
  p99_latency_seconds?: number;
  error_rate?: number;
  alerts: ServingAlertVerdict[];
}
