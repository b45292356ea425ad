/**
 * How the Clusters view marks a pod whose GPUs the daemon lists as idle (`cost/idle-gpus`): a
 * short description ("idle GPU 2% for 6 h", "idle 2 GPUs …") and tooltip lines with the figures
 * of each GPU or MIG slice. No `vscode` import, so tests shape it directly.
 */
import type { IdleGpu } from '../../daemon/api/cost-contract.ts';

export interface IdleMarker {
  /** For the pod row's description. */
  readonly text: string;
  /** Markdown lines for the tooltip. */
  readonly tooltip: readonly string[];
}

/** The idle GPUs the daemon listed for one pod. */
export function idleGpusOfPod(idle: readonly IdleGpu[], namespace: string, pod: string): readonly IdleGpu[] {
  return idle.filter((g) => g.namespace === namespace && g.pod === pod);
}

function percent(value: number): string {
  return value < 10 ? `${Math.round(value * 10) / 10}%` : `${Math.round(value)}%`;
}

/** "6 h", "1.5 h", "45 min", "18 s". */
export function idleDuration(hours: number): string {
  if (hours < 1 / 60) return `${Math.round(hours * 3600)} s`;
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  const rounded = Math.round(hours * 10) / 10;
  return `${rounded} h`;
}

function slice(gpu: IdleGpu): string {
  const what = gpu.mig_profile ? `MIG ${gpu.mig_profile} on GPU ${gpu.gpu}` : `GPU ${gpu.gpu}`;
  return `${what} (${gpu.model_name}) on ${gpu.hostname}`;
}

/**
 * The marker of a pod holding idle GPUs: the highest use of any of them and the shortest span
 * they have been idle; undefined when none is idle.
 */
export function idleMarker(gpus: readonly IdleGpu[], thresholdPercent: number): IdleMarker | undefined {
  if (gpus.length === 0) return undefined;
  const max = Math.max(...gpus.map((g) => g.max_util_percent));
  const hours = Math.min(...gpus.map((g) => g.idle_hours));
  const what = gpus.length === 1 ? 'idle GPU' : `idle ${gpus.length} GPUs`;
  return {
    text: `${what} ${percent(max)} for ${idleDuration(hours)}`,
    tooltip: [
      `**Idle GPU**: use stayed under ${percent(thresholdPercent)} for ${idleDuration(hours)}.`,
      ...gpus.map(
        (g) =>
          `- ${slice(g)}: max ${percent(g.max_util_percent)}, mean ${percent(g.mean_util_percent)} over ${g.samples} samples`,
      ),
      'Right-click: Scale Down Workload, or Switch to a MIG Slice…',
    ],
  };
}
