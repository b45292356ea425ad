/**
 * GPU cost behind the routes and the retraining recommendation: the price table (the data
 * directory's `gpu-prices.json`, else the defaults), the cost of runs, the training cost of a
 * model version (its run and the runs before it in the same experiment) and the idle GPUs of a
 * context's metrics history.
 */
import type { GpuUsageHistoryResponse, Run } from '../api/contract.ts';
import type {
  GpuPriceTable,
  IdleGpusResponse,
  TrainingCostSummary,
  TrainingRunCost,
} from '../api/cost-contract.ts';
import { TrackingError } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { readGpuPriceTable } from './gpu-price-table.ts';
import { idleGpus } from './idle-gpus.ts';
import { cents, trainingRunCost, type PodGpuLookup } from './training-run-cost.ts';

/** Runs priced for a version: its own and up to this many before it. */
export const EARLIER_TRAINING_RUNS = 4;

export interface CostServiceOptions {
  store: TrackingStore;
  /** The price table file; absent, the defaults. */
  pricesFile?: string;
  podGpus?: PodGpuLookup;
  gpuHistory?: (context: string, minutes: number, stepSeconds: number) => Promise<GpuUsageHistoryResponse>;
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
}
