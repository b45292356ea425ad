/**
 * GPU use from DCGM: `DCGM_FI_DEV_GPU_UTIL` (%), `DCGM_FI_DEV_FB_USED` and `DCGM_FI_DEV_FB_FREE`
 * (MiB), one series per GPU or MIG slice (`GPU_I_PROFILE`, `GPU_I_ID`), with `namespace`, `pod`
 * and `container` when dcgm-exporter maps the device to a pod. All three metrics come back in
 * one query and are joined here per slice.
 */
import type { GpuMetricName, GpuSlice, GpuSliceUsage, PodGpuUsage } from '../api/contract.ts';
import type { InstantSample, SeriesLabels } from './prometheus-response.ts';

export const DCGM_METRICS: Readonly<Record<string, GpuMetricName>> = {
  DCGM_FI_DEV_GPU_UTIL: 'util_percent',
  DCGM_FI_DEV_FB_USED: 'fb_used_mib',
  DCGM_FI_DEV_FB_FREE: 'fb_free_mib',
};

/** A node's series only (`Hostname`, as dcgm-exporter labels them), or every node's. */
function hostMatcher(hostname: string | undefined): string {
  return hostname === undefined ? '' : `,Hostname=${JSON.stringify(hostname)}`;
}

/** Every DCGM series the board reads. */
export function dcgmUsageQuery(hostname?: string): string {
  return `{__name__=~"${Object.keys(DCGM_METRICS).join('|')}"${hostMatcher(hostname)}}`;
}

/**
 * When each slice was last scraped. An instant query answers with its evaluation time, and a
 * Prometheus that restarts answers with samples from before it stopped until it scrapes again,
 * so each slice carries its own sample time. `timestamp` gives the sample's time only when it is
 * applied to a plain selector, and the three metrics of a slice are scraped together, so one of
 * them stands for all three.
 */
export function dcgmSampleTimeQuery(hostname?: string): string {
  return `timestamp(DCGM_FI_DEV_FB_USED{${hostMatcher(hostname).slice(1)}})`;
}

/**
 * The scrape jobs whose exporter was scraped without `honor_labels`: Kubernetes service
 * discovery's `pod` and `namespace` (the exporter's own pod) took those names, and the mapped
 * ones were renamed `exported_pod`, `exported_namespace`, `exported_container`. Seen by any of
 * the job's series carrying `exported_pod`.
 */
export function jobsWithExportedPods(samples: readonly { labels: SeriesLabels }[]): Set<string> {
  return new Set(samples.filter((s) => s.labels.exported_pod).map((s) => s.labels.job ?? ''));
}

/**
 * The pod that holds a device, from dcgm-exporter's pod mapping; in a job of `exportedJobs`,
 * only from the `exported_*` labels (a device without them is held by no pod).
 */
export function devicePodOf(
  labels: SeriesLabels,
  exportedJobs: ReadonlySet<string>,
): { namespace: string; pod: string; container?: string } | undefined {
  const exported = exportedJobs.has(labels.job ?? '');
  const pod = exported ? labels.exported_pod : labels.pod;
  if (pod === undefined || pod === '') return undefined;
  const namespace = (exported ? labels.exported_namespace : labels.namespace) ?? '';
  const container = exported ? labels.exported_container : labels.container;
  return container ? { namespace, pod, container } : { namespace, pod };
}

export function gpuSliceOf(labels: SeriesLabels, exportedJobs: ReadonlySet<string>): GpuSlice {
  const slice: GpuSlice = {
    hostname: labels.Hostname ?? labels.instance ?? '',
    gpu: labels.gpu ?? '',
    uuid: labels.UUID ?? '',
    model_name: labels.modelName ?? '',
  };
  if (labels.GPU_I_PROFILE) slice.mig_profile = labels.GPU_I_PROFILE;
  if (labels.GPU_I_ID) slice.mig_instance = labels.GPU_I_ID;
  const holder = devicePodOf(labels, exportedJobs);
  if (holder !== undefined) {
    slice.namespace = holder.namespace;
    slice.pod = holder.pod;
    if (holder.container !== undefined) slice.container = holder.container;
  }
  return slice;
}

export function gpuSliceKey(slice: GpuSlice): string {
  return JSON.stringify([
    slice.hostname,
    slice.uuid,
    slice.gpu,
    slice.mig_instance,
    slice.namespace,
    slice.pod,
    slice.container,
  ]);
}

/**
 * Joins the three metrics of each slice, in host, GPU, slice order, with the slice's sample time
 * from `dcgmSampleTimeQuery`'s answer.
 */
export function gpuSliceUsages(samples: InstantSample[], sampleTimes: InstantSample[]): GpuSliceUsage[] {
  const bySlice = new Map<string, GpuSliceUsage>();
  const exportedJobs = jobsWithExportedPods(samples);
  for (const sample of samples) {
    const metric = DCGM_METRICS[sample.labels.__name__ ?? ''];
    if (metric === undefined || !Number.isFinite(sample.value)) continue;
    const slice = gpuSliceOf(sample.labels, exportedJobs);
    const key = gpuSliceKey(slice);
    const usage: GpuSliceUsage = bySlice.get(key) ?? { ...slice };
    usage[metric] = sample.value;
    bySlice.set(key, usage);
  }
  for (const sample of sampleTimes) {
    const usage = bySlice.get(gpuSliceKey(gpuSliceOf(sample.labels, exportedJobs)));
    if (usage === undefined || !Number.isFinite(sample.value)) continue;
    usage.sampled_time = Math.round(sample.value * 1000);
  }
  return [...bySlice.values()].sort(
    (a, b) =>
      a.hostname.localeCompare(b.hostname) ||
      Number(a.gpu) - Number(b.gpu) ||
      Number(a.mig_instance ?? -1) - Number(b.mig_instance ?? -1),
  );
}

/** The slices held by each pod, together. */
export function podGpuUsages(slices: GpuSliceUsage[]): PodGpuUsage[] {
  const byPod = new Map<string, { pod: PodGpuUsage; utils: number[] }>();
  for (const slice of slices) {
    if (slice.pod === undefined) continue;
    const key = `${slice.namespace ?? ''}/${slice.pod}`;
    const entry = byPod.get(key) ?? {
      pod: { namespace: slice.namespace ?? '', pod: slice.pod, devices: 0, fb_used_mib: 0, fb_free_mib: 0 },
      utils: [],
    };
    entry.pod.devices += 1;
    entry.pod.fb_used_mib += slice.fb_used_mib ?? 0;
    entry.pod.fb_free_mib += slice.fb_free_mib ?? 0;
    if (slice.util_percent !== undefined) entry.utils.push(slice.util_percent);
    byPod.set(key, entry);
  }
  return [...byPod.values()]
    .map(({ pod, utils }) =>
      utils.length === 0
        ? pod
        : { ...pod, util_percent: utils.reduce((sum, u) => sum + u, 0) / utils.length },
    )
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod));
}
