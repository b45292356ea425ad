/**
 * Asks every configured context's Prometheus on an interval, so that serving alerts are raised
 * without anyone looking, and the cluster views and GPU rules can read each workload's peak GPU
 * memory without waiting on a query. A peak is handed out only while it is fresh: after a failed
 * or missed poll it is withheld rather than shown as current.
 */
import type { AlertCenter } from '../alerts/alert-center.ts';
import type { WorkloadPeakMemory, WorkloadRef } from '../api/contract.ts';
import type { Logger } from '../log/logger.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import type { ClusterMetrics } from './cluster-metrics.ts';
import { feedServingAlerts } from './serving-alert-feed.ts';

export const DEFAULT_METRICS_POLL_MS = 30_000;
export const DEFAULT_PEAK_WINDOW = '24h';

export interface MetricsPollerOptions {
  metrics: ClusterMetrics;
  store: TrackingStore;
  logger: Logger;
  /** Where serving verdicts become alerts; without it they are only answered on request. */
  alerts?: AlertCenter;
  intervalMs?: number;
  /** The window of the peak GPU memory handed to the cluster views (a Prometheus duration). */
  peakWindow?: string;
  now?: () => number;
}

interface PeakEntry {
  time: number;
  byWorkload: Map<string, WorkloadPeakMemory>;
}

function workloadKey(workload: WorkloadRef): string {
  return `${workload.kind}/${workload.namespace}/${workload.name}`;
}

export class MetricsPoller {
  readonly #options: MetricsPollerOptions;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #peaks = new Map<string, PeakEntry>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(options: MetricsPollerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#intervalMs = options.intervalMs ?? DEFAULT_METRICS_POLL_MS;
  }

  /** Polls now, then every interval (a poll still running is not started again). */
  start(): void {
    if (this.#timer !== undefined) return;
    const poll = () => {
      this.#running ??= this.pollOnce().finally(() => (this.#running = undefined));
    };
    this.#timer = setInterval(poll, this.#intervalMs).unref();
    poll();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** The observed peak GPU memory (MiB) of a workload, while the last poll of its context is fresh. */
  readonly peakGpuMemory = (context: string, workload: WorkloadRef): number | undefined => {
    const entry = this.#peaks.get(context);
    if (entry === undefined || this.#now() - entry.time > 2 * this.#intervalMs) return undefined;
    return entry.byWorkload.get(workloadKey(workload))?.peak_fb_used_mib;
  };

  async pollOnce(): Promise<void> {
    const { store, metrics, logger } = this.#options;
    for (const settings of store.read(() => store.prometheus.list())) {
      const { context } = settings;
      try {
        const peak = await metrics.peakMemory(context, this.#options.peakWindow ?? DEFAULT_PEAK_WINDOW);
        if (peak.availability.state === 'available') {
          const byWorkload = new Map(peak.workloads.map((w) => [workloadKey(w), w]));
          this.#peaks.set(context, { time: peak.availability.checked_time, byWorkload });
        } else {
          this.#peaks.delete(context);
        }
      } catch (error) {
        this.#peaks.delete(context);
        logger.warn('cannot read the peak GPU memory of a cluster context', { context, error });
      }
      try {
        const serving = await metrics.serving(context);
        if (this.#options.alerts !== undefined && settings.serving_model !== undefined) {
          feedServingAlerts(this.#options.alerts, store, settings.serving_model, serving.alerts, this.#now());
        }
      } catch (error) {
        logger.warn('cannot judge the serving alerts of a cluster context', { context, error });
      }
    }
  }
}
