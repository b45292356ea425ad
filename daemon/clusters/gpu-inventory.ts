/**
 * GPU inventory from cached Nodes and Pods: per node the capacity, allocatable and allocated
 * units of every GPU resource (`nvidia.com/gpu`, `nvidia.com/gpu.shared`, `nvidia.com/mig-*`)
 * with its GPU feature discovery labels; across the cluster the free units per profile; per
 * workload the units its pods hold. Pure: objects in, summaries out.
 */
import type {
  FreeGpuSlices,
  GpuNodeLabels,
  GpuResourceAmount,
  NodeGpuInventory,
  PodGpuAllocation,
  WorkloadGpuSummary,
} from '../api/contract.ts';
import { parseMigName } from '../../server/gpu/mig-catalog.ts';
import { parseQuantity } from '../../server/gpu/quantity.ts';
import { isGpuResource } from '../../server/workloads/model.ts';
import type { KubeNode, KubePod, ResourceList } from './kube-objects.ts';
import { podGpuRequests, podHoldsResources } from './pod-gpu-requests.ts';
import { podWorkload } from './pod-workload.ts';

const GFD_LABELS = {
  product: 'nvidia.com/gpu.product',
  memory: 'nvidia.com/gpu.memory',
  migStrategy: 'nvidia.com/mig.strategy',
  sharingStrategy: 'nvidia.com/gpu.sharing-strategy',
  replicas: 'nvidia.com/gpu.replicas',
} as const;

function gpuLabels(labels: Record<string, string>): GpuNodeLabels {
  const number = (text: string | undefined): number | undefined => {
    const value = text === undefined ? NaN : Number(text);
    return Number.isFinite(value) ? value : undefined;
  };
  const result: GpuNodeLabels = {};
  const product = labels[GFD_LABELS.product];
  if (product) result.product = product;
  const memory = number(labels[GFD_LABELS.memory]);
  if (memory !== undefined) result.memory_mib = memory;
  const migStrategy = labels[GFD_LABELS.migStrategy];
  if (migStrategy) result.mig_strategy = migStrategy;
  const sharing = labels[GFD_LABELS.sharingStrategy];
  if (sharing) result.sharing_strategy = sharing;
  const replicas = number(labels[GFD_LABELS.replicas]);
  if (replicas !== undefined) result.replicas = replicas;
  return result;
}

function gpuAmounts(list: ResourceList | undefined): Map<string, number> {
  const amounts = new Map<string, number>();
  for (const [resource, raw] of Object.entries(list ?? {})) {
    if (!isGpuResource(resource) || typeof raw !== 'string') continue;
    const value = parseQuantity(raw);
    if (value !== undefined) amounts.set(resource, value);
  }
  return amounts;
}

/** `gpu`, `gpu.shared`, or the MIG profile (`1g.10gb`, `1g.10gb.me`). */
export function gpuProfileOf(resource: string): string {
  const mig = resource.startsWith('nvidia.com/mig-') ? parseMigName(resource) : undefined;
  if (mig) return mig.media ? `${mig.profile}.me` : mig.profile;
  return resource.replace(/^nvidia\.com\//, '');
}

function isReady(node: KubeNode): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The GPU pods bound to each node, by node name. */
export function gpuPodsByNode(pods: Iterable<KubePod>): Map<string, PodGpuAllocation[]> {
  const byNode = new Map<string, PodGpuAllocation[]>();
  for (const pod of pods) {
    if (!podHoldsResources(pod)) continue;
    const requests = podGpuRequests(pod);
    if (requests.size === 0) continue;
    const node = pod.spec?.nodeName ?? '';
    const list = byNode.get(node) ?? [];
    for (const [resource, amount] of requests) {
      list.push({
        namespace: pod.metadata?.namespace ?? 'default',
        name: pod.metadata?.name ?? '',
        resource,
        amount,
      });
    }
    byNode.set(node, list);
  }
  return byNode;
}

/** Nodes that have GPU resources or GPU labels, by name. */
export function nodeInventories(nodes: Iterable<KubeNode>, pods: Iterable<KubePod>): NodeGpuInventory[] {
  const podsByNode = gpuPodsByNode(pods);
  const inventories: NodeGpuInventory[] = [];
  for (const node of nodes) {
    const name = node.metadata?.name;
    if (!name) continue;
    const capacity = gpuAmounts(node.status?.capacity);
    const allocatable = gpuAmounts(node.status?.allocatable);
    const labels = gpuLabels(node.metadata?.labels ?? {});
    if (capacity.size === 0 && allocatable.size === 0 && labels.product === undefined) continue;
    const nodePods = podsByNode.get(name) ?? [];
    const allocated = new Map<string, number>();
    for (const pod of nodePods) allocated.set(pod.resource, (allocated.get(pod.resource) ?? 0) + pod.amount);
    const resourceNames = [
      ...new Set([...capacity.keys(), ...allocatable.keys(), ...allocated.keys()]),
    ].sort();
    const resources: GpuResourceAmount[] = resourceNames.map((resource) => {
      const offered = allocatable.get(resource) ?? 0;
      const used = allocated.get(resource) ?? 0;
      return {
        resource,
        capacity: capacity.get(resource) ?? 0,
        allocatable: offered,
        allocated: used,
        free: Math.max(0, offered - used),
      };
    });
    inventories.push({
      node: name,
      ready: isReady(node),
      unschedulable: node.spec?.unschedulable === true,
      labels,
      resources,
      pods: nodePods,
    });
  }
  return inventories.sort((a, b) => a.node.localeCompare(b.node));
}

/**
 * Free units per GPU resource across the cluster. Only ready, schedulable nodes count as free;
 * every node counts towards allocatable and allocated.
 */
export function freeSlices(inventories: readonly NodeGpuInventory[]): FreeGpuSlices[] {
  const byResource = new Map<string, FreeGpuSlices>();
  for (const inventory of inventories) {
    const schedulable = inventory.ready && !inventory.unschedulable;
    for (const amount of inventory.resources) {
      const slices = byResource.get(amount.resource) ?? {
        resource: amount.resource,
        profile: gpuProfileOf(amount.resource),
        allocatable: 0,
        allocated: 0,
        free: 0,
        nodes: 0,
      };
      slices.allocatable += amount.allocatable;
      slices.allocated += amount.allocated;
      if (schedulable) slices.free += amount.free;
      if (amount.allocatable > 0) slices.nodes += 1;
      byResource.set(amount.resource, slices);
    }
  }
  return [...byResource.values()].sort((a, b) => a.resource.localeCompare(b.resource));
}

/** GPU units per workload (namespace/name), over the pods that hold resources. */
export function workloadGpuSummaries(
  pods: Iterable<KubePod>,
  nodeProducts: ReadonlyMap<string, string>,
): WorkloadGpuSummary[] {
  const byWorkload = new Map<string, WorkloadGpuSummary>();
  for (const pod of pods) {
    if (!podHoldsResources(pod)) continue;
    const requests = podGpuRequests(pod);
    const workload = requests.size > 0 ? podWorkload(pod) : undefined;
    if (workload === undefined) continue;
    const key = `${workload.kind}/${workload.namespace}/${workload.name}`;
    const summary = byWorkload.get(key) ?? { workload, pods: 0, resources: {}, nodes: [], products: [] };
    summary.pods += 1;
    for (const [resource, amount] of requests) {
      summary.resources[resource] = (summary.resources[resource] ?? 0) + amount;
    }
    const node = pod.spec?.nodeName ?? '';
    if (!summary.nodes.includes(node)) summary.nodes.push(node);
    const product = nodeProducts.get(node);
    if (product !== undefined && !summary.products.includes(product)) summary.products.push(product);
    byWorkload.set(key, summary);
  }
  return [...byWorkload.values()].sort(
    (a, b) =>
      a.workload.namespace.localeCompare(b.workload.namespace) ||
      a.workload.name.localeCompare(b.workload.name),
  );
}
