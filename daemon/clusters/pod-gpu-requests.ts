/**
 * The GPU units a pod holds on its node, as the scheduler counts them: the larger of the sum over
 * its containers and the largest init container, per resource. An extended resource given only
 * as a limit is requested at that limit.
 */
import { parseQuantity } from '../../server/gpu/quantity.ts';
import { isGpuResource } from '../../server/workloads/model.ts';
import type { ContainerSpec, KubePod } from './kube-objects.ts';

function containerGpus(container: ContainerSpec): Map<string, number> {
  const amounts = new Map<string, number>();
  const { requests = {}, limits = {} } = container.resources ?? {};
  for (const resource of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    if (!isGpuResource(resource)) continue;
    const raw = requests[resource] ?? limits[resource];
    const amount = typeof raw === 'string' ? parseQuantity(raw) : undefined;
    if (amount !== undefined && amount > 0) amounts.set(resource, amount);
  }
  return amounts;
}

export function podGpuRequests(pod: KubePod): Map<string, number> {
  const total = new Map<string, number>();
  for (const container of pod.spec?.containers ?? []) {
    for (const [resource, amount] of containerGpus(container)) {
      total.set(resource, (total.get(resource) ?? 0) + amount);
    }
  }
  for (const init of pod.spec?.initContainers ?? []) {
    for (const [resource, amount] of containerGpus(init)) {
      total.set(resource, Math.max(total.get(resource) ?? 0, amount));
    }
  }
  return total;
}

/** Whether the pod holds its node's resources: bound, and neither succeeded nor failed. */
export function podHoldsResources(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  return Boolean(pod.spec?.nodeName) && phase !== 'Succeeded' && phase !== 'Failed';
}
