/**
 * How a training run's GPU cost reads in the Runs view: GPU-hours and the estimated cost right
 * after the run's status (before its metrics, which the view's width may cut), and in its
 * tooltip how they were reckoned (GPUs, duration, price). No `vscode` import, so it is unit
 * tested. The tooltip is Markdown.
 */
import type { GpuCountSource, TrainingRunCost } from '../../daemon/api/cost-contract.ts';

const SOURCES: Readonly<Record<GpuCountSource, string>> = {
  tag: 'the `mlops_lens.gpu.count` tag',
  system_metrics: 'its GPU system metrics',
  cluster_pod: 'the cluster pod it trained in',
};

/** At most three significant digits, never in exponent form: 0.0123, 1.25, 12.5, 1250. */
function figure(value: number): string {
  if (value === 0) return '0';
  if (value >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

export function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

/** "2.5 GPU-h · 8.75 USD", or undefined for a run that used no GPU. */
export function runCostDescription(cost: TrainingRunCost | undefined): string | undefined {
  if (cost === undefined || cost.gpu_hours <= 0) return undefined;
  return `${figure(cost.gpu_hours)} GPU-h · ${money(cost.cost, cost.currency)}`;
}

/** The tooltip's cost paragraph, or undefined when the daemon did not price the run. */
export function runCostTooltip(cost: TrainingRunCost | undefined): string | undefined {
  if (cost === undefined) return undefined;
  if (cost.gpu_count <= 0)
    return 'GPU cost: no GPU recorded (the `mlops_lens.gpu.count` tag, GPU system metrics or the `mlops_lens.k8s.pod` tag name one).';
  const gpus = `${figure(cost.gpu_count)} × ${cost.gpu_type ?? 'GPU'}`;
  const running = cost.status === 'RUNNING' ? ' so far' : '';
  const from = cost.gpu_source === undefined ? '' : ` (from ${SOURCES[cost.gpu_source]})`;
  return (
    `GPU cost: ${gpus}${from} for ${figure(cost.duration_hours)} h${running} = ` +
    `${figure(cost.gpu_hours)} GPU-hours ≈ ${money(cost.cost, cost.currency)} at ` +
    `${money(cost.price_per_gpu_hour, cost.currency)} per GPU-hour (price table: ${cost.price_key}).`
  );
}
