/**
 * The daemon's HTTP types for GPU cost: the price table, the cost of training runs and the GPUs
 * that sit idle (routes under `NATIVE_API_PREFIX`).
 */
import type { MetricsAvailability } from './contract.ts';

/**
 * Price of one GPU for one hour, by GPU product. A run's or a node's product name matches the
 * longest key it contains (case-insensitive, e.g. `A100-SXM4-80GB` before `A100`); `default`
 * prices a GPU whose product is not known or not listed.
 */
export interface GpuPriceTable {
  currency: string;
  per_gpu_hour: Record<string, number>;
  default: number;
  /** `defaults`, or the path of the `gpu-prices.json` the table was read from. */
  source: string;
}

/**
 * PUT `${NATIVE_API_PREFIX}/cost/gpu-prices`: the table to estimate with from now on (the editor's
 * `mlopsLens.gpuPrices` setting), written to the data directory's `gpu-prices.json`.
 */
export interface SetGpuPricesRequest {
  currency?: string;
  default?: number;
  per_gpu_hour: Record<string, number>;
}

/** GET and PUT `${NATIVE_API_PREFIX}/cost/gpu-prices`: the table costs are estimated with. */
export interface GpuPricesResponse {
  prices: GpuPriceTable;
}

/**
 * Where a run's GPUs were read from: its `mlops_lens.gpu.count` / `mlops_lens.gpu.type` tags or
 * params, the per-GPU MLflow system metrics it logged (`system/gpu_<n>_…`), or the cluster pod
 * named by its `mlops_lens.k8s.pod` tag (`<context>/<namespace>/<pod>`).
 */
export type GpuCountSource = 'tag' | 'system_metrics' | 'cluster_pod';

export interface TrainingRunCost {
  run_id: string;
  run_name: string;
  status: string;
  start_time: number;
  /** end − start; a running run counts until now. */
  duration_hours: number;
  gpu_count: number;
  gpu_type?: string;
  gpu_source?: GpuCountSource;
  gpu_hours: number;
  price_per_gpu_hour: number;
  /** The price-table key that priced it (`default` when none matched). */
  price_key: string;
  /** gpu_hours × price_per_gpu_hour, to the cent. */
  cost: number;
  currency: string;
}

/** GET `${NATIVE_API_PREFIX}/cost/runs?run_id=`: one run (repeat `run_id` for several). */
export interface TrainingRunCostsResponse {
  runs: TrainingRunCost[];
}

export interface TrainingCostSummary {
  runs: TrainingRunCost[];
  /** Over the runs listed. */
  gpu_hours: number;
  cost: number;
  /** The newest run's, the figure a retraining is expected to cost. */
  last_run_cost: number;
  last_run_gpu_hours: number;
  currency: string;
}

/** A pod's GPU (or MIG slice) whose utilisation stayed under the threshold for the whole span. */
export interface IdleGpu {
  namespace: string;
  pod: string;
  hostname: string;
  gpu: string;
  model_name: string;
  mig_profile?: string;
  /** Highest and mean utilisation (%) over the span, and how much of it was scraped. */
  max_util_percent: number;
  mean_util_percent: number;
  idle_hours: number;
  samples: number;
}

/**
 * GET `${NATIVE_API_PREFIX}/cost/idle-gpus?context=&hours=&threshold_percent=`: pods whose GPU use
 * stayed under `threshold_percent` (default 5) for the last `hours` (default 4).
 */
export interface IdleGpusResponse {
  context: string;
  /** Whether the context's Prometheus answered; absent when no metrics source is configured. */
  availability?: MetricsAvailability;
  hours: number;
  threshold_percent: number;
  idle: IdleGpu[];
}

/** GET `${NATIVE_API_PREFIX}/cost/model-versions?name=&version=`: the version's last training runs. */
export interface ModelVersionTrainingCostResponse {
  cost: TrainingCostSummary;
}

/** A pod of a served model and the GPUs it holds (whole GPUs; a MIG slice as its share). */
export interface ServingPodCost {
  pod: string;
  node: string;
  gpus: number;
  product?: string;
  price_per_gpu_hour: number;
  price_key: string;
}

/**
 * GET `${NATIVE_API_PREFIX}/cost/serving?context=&namespace=&service=`: what a served model costs
 * per 1,000 predictions: the GPUs its pods hold (pods named `<service>-…` or owned by a workload
 * so named) priced per hour, over the requests per second its pods answer (the context's request
 * rate query on those pods). Figures that cannot be had are left out and `missing` says why.
 */
export interface ServingCostResponse {
  context: string;
  namespace: string;
  service: string;
  pods: ServingPodCost[];
  gpus: number;
  cost_per_hour: number;
  currency: string;
  requests_per_second?: number;
  cost_per_1000_predictions?: number;
  availability?: MetricsAvailability;
  missing: string[];
}
