/**
 * Peak GPU memory per workload over a window: the largest `DCGM_FI_DEV_FB_USED` of any device
 * or slice a pod held (`max_over_time`), pods grouped by their workload, with the size of that
 * device or slice (used + free, as last seen in the window).
 */
import type { WorkloadPeakMemory, WorkloadRef } from '../api/contract.ts';
import { devicePodOf, jobsWithExportedPods } from './dcgm-gpu-usage.ts';
import type { PrometheusClient } from './prometheus-client.ts';
import { workloadOfPodName } from './workload-of-pod-name.ts';

/** The workload of a pod the context's cluster cache knows; undefined when it does not. */
export type PodWorkloads = (context: string, namespace: string, pod: string) => WorkloadRef | undefined;

// The pod labels of either scrape (see `devicePodOf`); devices held by no pod are dropped after.
const BY_POD = 'by (job, namespace, pod, exported_namespace, exported_pod)';

export function peakFbUsedQuery(window: string): string {
  return `max ${BY_POD} (max_over_time(DCGM_FI_DEV_FB_USED[${window}]))`;
}

export function deviceFbQuery(window: string): string {
  return `max ${BY_POD} (last_over_time(DCGM_FI_DEV_FB_USED[${window}]) + last_over_time(DCGM_FI_DEV_FB_FREE[${window}]))`;
}

export async function peakGpuMemory(
  client: PrometheusClient,
  window: string,
  podWorkloads: (namespace: string, pod: string) => WorkloadRef | undefined,
): Promise<WorkloadPeakMemory[]> {
  const [peaks, devices] = await Promise.all([
    client.instant(peakFbUsedQuery(window)),
    client.instant(deviceFbQuery(window)),
  ]);
  const podKey = (holder: { namespace: string; pod: string }) => `${holder.namespace}/${holder.pod}`;
  const exportedJobs = jobsWithExportedPods([...peaks, ...devices]);
  const deviceOf = new Map<string, number>();
  for (const sample of devices) {
    const holder = devicePodOf(sample.labels, exportedJobs);
    if (holder !== undefined) deviceOf.set(podKey(holder), sample.value);
  }
  const byWorkload = new Map<string, WorkloadPeakMemory>();
  for (const sample of peaks) {
    const holder = devicePodOf(sample.labels, exportedJobs);
    if (holder === undefined) continue;
    const { namespace, pod } = holder;
    const known = podWorkloads(namespace, pod);
    const workload = known ?? workloadOfPodName(namespace, pod);
    const key = `${workload.kind}/${workload.namespace}/${workload.name}`;
    const entry = byWorkload.get(key) ?? {
      ...workload,
      resolved_by: known === undefined ? 'pod-name' : 'cluster',
      peak_fb_used_mib: -Infinity,
      pods: [],
    };
    entry.pods.push(pod);
    if (sample.value > entry.peak_fb_used_mib) {
      entry.peak_fb_used_mib = sample.value;
      const device = deviceOf.get(podKey(holder));
      if (device === undefined) delete entry.device_fb_mib;
      else entry.device_fb_mib = device;
    }
    byWorkload.set(key, entry);
  }
  return [...byWorkload.values()]
    .map((entry) => ({ ...entry, pods: entry.pods.sort() }))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
