/**
 * GPU-hours and estimated cost of one training run: its duration (end − start, or until now
 * while it runs) times the GPUs it used, priced by the price table. The GPUs are read, first
 * found first, from the run's `mlops_lens.gpu.count` tag or param (with `mlops_lens.gpu.type`,
 * the GPU product), from the cluster pod its `mlops_lens.k8s.pod` tag names, or from the
 * per-GPU system metrics MLflow logs (`system/gpu_<n>_utilization_percentage`, …). A run with
 * none of these used no GPU.
 */
import type { Run } from '../api/contract.ts';
import type { GpuCountSource, GpuPriceTable, TrainingRunCost } from '../api/cost-contract.ts';
import { gpuHourPrice } from './gpu-price-table.ts';

export const GPU_COUNT_KEY = 'mlops_lens.gpu.count';
export const GPU_TYPE_KEY = 'mlops_lens.gpu.type';
/** `<context>/<namespace>/<pod>`: the pod the run trained in. */
export const K8S_POD_TAG = 'mlops_lens.k8s.pod';

const SYSTEM_GPU_METRIC = /^system\/gpu_(\d+)_/;
const HOUR_MS = 3_600_000;

/** The GPUs a cluster pod holds: whole GPUs or slices counted as a fraction of one GPU. */
export interface PodGpus {
  count: number;
  product?: string;
}

export type PodGpuLookup = (context: string, namespace: string, pod: string) => PodGpus | undefined;

interface RunGpus {
  count: number;
  type?: string;
  source?: GpuCountSource;
}

export function trainingRunCost(
  run: Run,
  prices: GpuPriceTable,
  now: number,
  podGpus?: PodGpuLookup,
): TrainingRunCost {
  const end = run.info.end_time ?? (run.info.status === 'RUNNING' ? now : run.info.start_time);
  const durationHours = Math.max(0, end - run.info.start_time) / HOUR_MS;
  const gpus = runGpus(run, podGpus);
  const { key, price } = gpuHourPrice(prices, gpus.type);
  const gpuHours = durationHours * gpus.count;
  const cost: TrainingRunCost = {
    run_id: run.info.run_id,
    run_name: run.info.run_name,
    status: run.info.status,
    start_time: run.info.start_time,
    duration_hours: durationHours,
    gpu_count: gpus.count,
    gpu_hours: gpuHours,
    price_per_gpu_hour: price,
    price_key: key,
    cost: cents(gpuHours * price),
    currency: prices.currency,
  };
  if (gpus.type !== undefined) cost.gpu_type = gpus.type;
  if (gpus.source !== undefined) cost.gpu_source = gpus.source;
  return cost;
}

function runGpus(run: Run, podGpus: PodGpuLookup | undefined): RunGpus {
  const value = (key: string): string | undefined =>
    (run.data.tags.find((t) => t.key === key) ?? run.data.params.find((p) => p.key === key))?.value.trim();
  const type = value(GPU_TYPE_KEY) || undefined;
  const declared = value(GPU_COUNT_KEY);
  if (declared !== undefined) {
    const count = Number(declared);
    if (declared !== '' && Number.isFinite(count) && count >= 0)
      return { count, source: 'tag', ...(type !== undefined ? { type } : {}) };
  }
  const pod = value(K8S_POD_TAG)?.split('/');
  if (pod?.length === 3 && podGpus !== undefined) {
    const [context = '', namespace = '', name = ''] = pod;
    const held = podGpus(context, namespace, name);
    if (held !== undefined && held.count > 0) {
      const product = type ?? held.product;
      return {
        count: held.count,
        source: 'cluster_pod',
        ...(product !== undefined ? { type: product } : {}),
      };
    }
  }
  const devices = new Set<string>();
  for (const metric of run.data.metrics) {
    const match = SYSTEM_GPU_METRIC.exec(metric.key);
    if (match?.[1] !== undefined) devices.add(match[1]);
  }
  if (devices.size > 0)
    return { count: devices.size, source: 'system_metrics', ...(type !== undefined ? { type } : {}) };
  return { count: 0, ...(type !== undefined ? { type } : {}) };
}

/** Costs are estimates: kept to the cent. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
