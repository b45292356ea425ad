/**
 * GPU cost behind the routes and the retraining recommendation: the price table (the data
 * directory's `gpu-prices.json`, else the defaults), the cost of runs, the training cost of a
 * model version (its run and the runs before it in the same experiment) and the idle GPUs of a
 * context's metrics history.
 */
import type {
  GpuUsageHistoryResponse,
  MetricsAvailability,
  NodeGpuInventory,
  PrometheusSettings,
  Run,
  WorkloadRef,
} from '../api/contract.ts';
import type {
  GpuPriceTable,
  IdleGpusResponse,
  ServingCostResponse,
  TrainingCostSummary,
  TrainingRunCost,
} from '../api/cost-contract.ts';
import { fillPromqlTemplate } from '../metrics/promql-template.ts';
import { invalidParameter, TrackingError } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { readGpuPriceTable, writeGpuPriceTable } from './gpu-price-table.ts';
import { idleGpus } from './idle-gpus.ts';
import { podsHoldingGpus } from './pod-gpus.ts';
import {
  costPer1000Predictions,
  costPerHour,
  podSelector,
  pricedPods,
  REQUEST_RATE_QUERY,
} from './serving-cost.ts';
import { cents, trainingRunCost, type PodGpuLookup } from './training-run-cost.ts';

/** Runs priced for a version: its own and up to this many before it. */
export const EARLIER_TRAINING_RUNS = 4;

export interface CostServiceOptions {
  store: TrackingStore;
  /** The price table file; absent, the defaults. */
  pricesFile?: string;
  podGpus?: PodGpuLookup;
  gpuHistory?: (context: string, minutes: number, stepSeconds: number) => Promise<GpuUsageHistoryResponse>;
  /** The watched context's node inventory; undefined when the context is not watched. */
  nodes?: (context: string) => NodeGpuInventory[] | undefined;
  podWorkload?: (context: string, namespace: string, pod: string) => WorkloadRef | undefined;
  instantSum?: (
    context: string,
    query: (settings: PrometheusSettings) => string,
  ) => Promise<{ availability: MetricsAvailability; value?: number }>;
  now?: () => number;
}

export class CostService {
  readonly #options: CostServiceOptions;
  readonly #now: () => number;

  constructor(options: CostServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  prices(): GpuPriceTable {
    return readGpuPriceTable(this.#options.pricesFile);
  }

  /** Replaces the price table; refused when the daemon has no data directory file for it. */
  setPrices(body: unknown): GpuPriceTable {
    const file = this.#options.pricesFile;
    if (file === undefined) throw invalidParameter('This daemon keeps no GPU price table file.');
    return writeGpuPriceTable(file, body);
  }

  runCosts(runIds: readonly string[]): TrainingRunCost[] {
    const prices = this.prices();
    const now = this.#now();
    const { store, podGpus } = this.#options;
    return store.read(() => runIds.map((id) => trainingRunCost(store.getRun(id), prices, now, podGpus)));
  }

  /** The version's training run and the finished runs of its experiment started before it; undefined without a run. */
  versionTrainingCost(name: string, version: string): TrainingCostSummary | undefined {
    const { store, podGpus } = this.#options;
    const runs = store.read((): Run[] => {
      let runId: string;
      try {
        runId = store.registry.getVersion(name, version).run_id;
      } catch (error) {
        if (error instanceof TrackingError && error.code === 'RESOURCE_DOES_NOT_EXIST') return [];
        throw error;
      }
      if (runId === '') return [];
      const run = store.getRun(runId);
      const earlier = store.searchRuns({
        experimentIds: [run.info.experiment_id],
        filter: `attributes.start_time < ${run.info.start_time} and attributes.status = 'FINISHED'`,
        orderBy: ['attributes.start_time DESC'],
        maxResults: EARLIER_TRAINING_RUNS,
      }).runs;
      return [run, ...earlier];
    });
    if (runs.length === 0) return undefined;
    const prices = this.prices();
    const now = this.#now();
    const costs = runs.map((run) => trainingRunCost(run, prices, now, podGpus));
    const last = costs[0] as TrainingRunCost;
    return {
      runs: costs,
      gpu_hours: costs.reduce((sum, c) => sum + c.gpu_hours, 0),
      cost: cents(costs.reduce((sum, c) => sum + c.cost, 0)),
      last_run_cost: last.cost,
      last_run_gpu_hours: last.gpu_hours,
      currency: prices.currency,
    };
  }

  async idleGpus(context: string, hours: number, thresholdPercent: number): Promise<IdleGpusResponse> {
    const history = this.#options.gpuHistory;
    if (history === undefined) return { context, hours, threshold_percent: thresholdPercent, idle: [] };
    const minutes = hours * 60;
    // At most 1,000 steps over the span (Prometheus answers up to 11,000 points per series).
    const step = Math.max(1, Math.ceil((minutes * 60) / 1000));
    const usage = await history(context, minutes, step);
    return {
      context,
      availability: usage.availability,
      hours,
      threshold_percent: thresholdPercent,
      idle: idleGpus(usage, thresholdPercent),
    };
  }

  /**
   * The GPUs held by the service's pods (named `<service>-…`, or owned by a workload named
   * `<service>` or `<service>-…`) priced per hour, over the requests per second those pods
   * answered; what cannot be had is named in `missing`.
   */
  async servingCost(context: string, namespace: string, service: string): Promise<ServingCostResponse> {
    const prices = this.prices();
    const missing: string[] = [];
    const nodes = this.#options.nodes?.(context);
    if (nodes === undefined)
      missing.push(`context '${context}' is not watched, so its pods' GPUs are unknown`);
    const ofService = (name: string) => name === service || name.startsWith(`${service}-`);
    const matches = (pod: string) =>
      ofService(pod) || ofService(this.#options.podWorkload?.(context, namespace, pod)?.name ?? '');
    const pods = pricedPods(podsHoldingGpus(nodes ?? [], namespace, matches), prices);
    if (nodes !== undefined && pods.length === 0)
      missing.push(`no pod of '${service}' in namespace '${namespace}' holds a GPU`);
    const perHour = costPerHour(pods);
    const answer: ServingCostResponse = {
      context,
      namespace,
      service,
      pods,
      gpus: pods.reduce((sum, pod) => sum + pod.gpus, 0),
      cost_per_hour: cents(perHour),
      currency: prices.currency,
      missing,
    };
    const instantSum = this.#options.instantSum;
    if (pods.length === 0) return answer;
    if (instantSum === undefined) {
      missing.push('no metrics source');
      return answer;
    }
    let rate: Awaited<ReturnType<typeof instantSum>>;
    try {
      rate = await instantSum(context, (settings) =>
        fillPromqlTemplate(REQUEST_RATE_QUERY, {
          selector: podSelector(
            settings.serving_selector,
            namespace,
            pods.map((p) => p.pod),
          ),
          window: settings.rate_window,
        }),
      );
    } catch (error) {
      if (error instanceof TrackingError && error.code === 'RESOURCE_DOES_NOT_EXIST') {
        missing.push(error.message);
        return answer;
      }
      throw error;
    }
    answer.availability = rate.availability;
    if (rate.value === undefined) {
      missing.push(
        rate.availability.state === 'available'
          ? "Prometheus has no http_requests_total for the service's pods"
          : `Prometheus is unavailable: ${rate.availability.reason ?? 'no answer'}`,
      );
      return answer;
    }
    answer.requests_per_second = rate.value;
    const per1000 = costPer1000Predictions(perHour, rate.value);
    if (per1000 === undefined) missing.push('the pods answered no requests in the rate window');
    else answer.cost_per_1000_predictions = per1000;
    return answer;
  }
}
