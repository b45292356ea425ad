/**
 * What the daemon reads from each context's Prometheus: GPU use per slice and pod (now and over
 * time), peak GPU memory per workload, serving p99 latency and error rate with their alert
 * verdicts. Every answer carries the availability of Prometheus; when it cannot be reached the
 * answer holds no numbers and says since when.
 */
import type {
  GpuUsageHistoryResponse,
  GpuUsageResponse,
  MetricsAvailability,
  PeakGpuMemoryResponse,
  PrometheusSettings,
  ServingHealthResponse,
} from '../api/contract.ts';
import { invalidParameter, notFound, TrackingError } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import {
  DCGM_METRICS,
  dcgmSampleTimeQuery,
  dcgmUsageQuery,
  gpuSliceKey,
  gpuSliceOf,
  jobsWithExportedPods,
  gpuSliceUsages,
  podGpuUsages,
} from './dcgm-gpu-usage.ts';
import { peakGpuMemory, type PodWorkloads } from './peak-gpu-memory.ts';
import { PrometheusAvailability } from './prometheus-availability.ts';
import { PrometheusClient } from './prometheus-client.ts';
import { PrometheusQueryError, PrometheusUnavailableError } from './prometheus-errors.ts';
import { sampleTimesByStep, scrapedPoints } from './scraped-points.ts';
import { fillPromqlTemplate } from './promql-template.ts';
import { NoApiServerError, prometheusEndpoint, type ApiServerConnections } from './prometheus-source.ts';
import { ERROR_RATE_RULE, P99_LATENCY_RULE } from './serving-alert-rules.ts';
import { servingHealth, type ServingRules } from './serving-health.ts';

export interface ClusterMetricsOptions {
  store: TrackingStore;
  /** The API server of a context, for Prometheus reached through its service proxy. */
  apiServers?: ApiServerConnections;
  /** Workloads of pods the cluster cache knows; others are guessed from their names. */
  podWorkloads?: PodWorkloads;
  /** The serving alert rules (default: the alert table's thresholds and durations). */
  servingRules?: ServingRules;
  now?: () => number;
}

type Asked<T> = { availability: MetricsAvailability; result?: T };

export class ClusterMetrics {
  readonly #options: ClusterMetricsOptions;
  readonly #availability: PrometheusAvailability;
  readonly #now: () => number;

  constructor(options: ClusterMetricsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#availability = new PrometheusAvailability(this.#now);
  }

  settings(context: string): PrometheusSettings {
    const { store } = this.#options;
    const settings = store.read(() => store.prometheus.get(context));
    if (settings === undefined) throw notFound(`No Prometheus is set for context '${context}'.`);
    return settings;
  }

  /** A client for these settings (not yet stored ones too, to try them before saving). */
  async client(settings: PrometheusSettings): Promise<PrometheusClient> {
    const connections = this.#options.apiServers ?? (() => Promise.resolve(undefined));
    return new PrometheusClient(
      await prometheusEndpoint(settings.context, settings.source, settings.timeout_ms, connections),
    );
  }

  async #ask<T>(
    context: string,
    work: (client: PrometheusClient, settings: PrometheusSettings) => Promise<T>,
  ): Promise<Asked<T>> {
    const settings = this.settings(context);
    try {
      const result = await work(await this.client(settings), settings);
      return { availability: this.#availability.answered(context), result };
    } catch (error) {
      if (error instanceof PrometheusUnavailableError || error instanceof NoApiServerError)
        return { availability: this.#availability.failed(context, error.message) };
      if (error instanceof PrometheusQueryError) throw new TrackingError('BAD_REQUEST', error.message);
      throw error;
    }
  }

  /**
   * Refuses serving queries that Prometheus refuses, naming the field. When Prometheus cannot be
   * reached they cannot be tried, and are accepted as they are.
   */
  async checkServingQueries(settings: PrometheusSettings): Promise<void> {
    const values = { selector: settings.serving_selector, window: settings.rate_window };
    try {
      const client = await this.client(settings);
      for (const field of ['p99_latency_query', 'error_rate_query'] as const) {
        const query = fillPromqlTemplate(settings[field], values);
        try {
          await client.instant(query);
        } catch (error) {
          if (error instanceof PrometheusQueryError)
            throw invalidParameter(
              `'${field}': Prometheus refused it (${error.errorType}): ${error.detail}; query: ${query}`,
            );
          throw error;
        }
      }
    } catch (error) {
      if (error instanceof PrometheusUnavailableError || error instanceof NoApiServerError) return;
      throw error;
    }
  }

  /** GPU use now; `hostname` narrows it to one node. */
  async gpuUsage(context: string, hostname?: string): Promise<GpuUsageResponse> {
    const time = this.#now();
    const { availability, result } = await this.#ask(context, (client) =>
      Promise.all([
        client.instant(dcgmUsageQuery(hostname), time),
        client.instant(dcgmSampleTimeQuery(hostname), time),
      ]),
    );
    if (result === undefined) return { context, availability, slices: [], pods: [] };
    const slices = gpuSliceUsages(...result);
    return { context, availability, time, slices, pods: podGpuUsages(slices) };
  }

  async gpuHistory(
    context: string,
    minutes: number,
    stepSeconds: number,
    hostname?: string,
  ): Promise<GpuUsageHistoryResponse> {
    const end = this.#now();
    const start = end - minutes * 60_000;
    const base = { context, start, end, step_seconds: stepSeconds };
    const window = { start, end, stepSeconds };
    const { availability, result } = await this.#ask(context, (client) =>
      Promise.all([
        client.range(dcgmUsageQuery(hostname), window),
        client.range(dcgmSampleTimeQuery(hostname), window),
      ]),
    );
    const [usage = [], sampled = []] = result ?? [];
    const exportedJobs = jobsWithExportedPods(usage);
    const sampleTimes = new Map(
      sampled.map((s) => [gpuSliceKey(gpuSliceOf(s.labels, exportedJobs)), sampleTimesByStep(s)]),
    );
    const series = usage.flatMap((s) => {
      const metric = DCGM_METRICS[s.labels.__name__ ?? ''];
      if (metric === undefined) return [];
      const slice = gpuSliceOf(s.labels, exportedJobs);
      const points = scrapedPoints(s.points, sampleTimes.get(gpuSliceKey(slice)) ?? new Map(), stepSeconds);
      return [{ slice, metric, points: points.map((p): [number, number] => [p.time, p.value]) }];
    });
    return { ...base, availability, series };
  }

  async peakMemory(context: string, window: string): Promise<PeakGpuMemoryResponse> {
    const known = this.#options.podWorkloads;
    const podWorkloads = (namespace: string, pod: string) => known?.(context, namespace, pod);
    const { availability, result } = await this.#ask(context, (client) =>
      peakGpuMemory(client, window, podWorkloads),
    );
    return { context, availability, window, workloads: result ?? [] };
  }

  /**
   * The sum of an instant query the caller builds from the context's settings (its serving
   * selector and rate window); `value` is absent when the query has no sample.
   */
  async instantSum(
    context: string,
    query: (settings: PrometheusSettings) => string,
  ): Promise<{ availability: MetricsAvailability; value?: number }> {
    const { availability, result } = await this.#ask(context, async (client, settings) => {
      const samples = await client.instant(query(settings), this.#now());
      return samples.length === 0 ? undefined : samples.reduce((sum, sample) => sum + sample.value, 0);
    });
    return result === undefined ? { availability } : { availability, value: result };
  }

  async serving(context: string): Promise<ServingHealthResponse> {
    const rules = this.#options.servingRules ?? { p99Latency: P99_LATENCY_RULE, errorRate: ERROR_RATE_RULE };
    const now = this.#now();
    const { availability, result } = await this.#ask(context, (client, settings) =>
      servingHealth(client, settings, rules, now),
    );
    if (result !== undefined) return { context, availability, ...result };
    const unknown = (rule: typeof rules.p99Latency) => ({
      rule: rule.rule,
      state: 'unknown' as const,
      threshold: rule.threshold,
      for_seconds: rule.forSeconds,
      summary: `Prometheus is unavailable: ${rule.subject} not judged.`,
    });
    return { context, availability, alerts: [unknown(rules.p99Latency), unknown(rules.errorRate)] };
  }
}
