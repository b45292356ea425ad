/**
 * The GPUs pods hold, read from a context's node inventory, as counts of whole GPUs: a MIG
 * slice `mig-<n>g.<mem>` is n sevenths of its GPU, a time-shared `gpu.shared` replica one
 * `replicas`-th, and the product is the node's.
 */
import type { NodeGpuInventory } from '../api/contract.ts';
import type { PodGpus } from './training-run-cost.ts';

/** Compute slices of a MIG-capable GPU (A100, H100, H200). */
const MIG_COMPUTE_SLICES = 7;
const MIG_RESOURCE = /mig-(\d+)g\./;

export interface HeldGpus extends PodGpus {
  namespace: string;
  pod: string;
  node: string;
}

/** Every pod of `namespace` that `matches` and holds GPUs, with what it holds. */
export function podsHoldingGpus(
  nodes: readonly NodeGpuInventory[],
  namespace: string,
  matches: (pod: string) => boolean,
): HeldGpus[] {
  const held = new Map<string, HeldGpus>();
  for (const node of nodes)
    for (const allocation of node.pods) {
      if (allocation.namespace !== namespace || !matches(allocation.name)) continue;
      const key = `${node.node}/${allocation.name}`;
      const entry = held.get(key) ?? {
        namespace,
        pod: allocation.name,
        node: node.node,
        count: 0,
        ...(node.labels.product === undefined ? {} : { product: node.labels.product }),
      };
      entry.count += gpuShare(allocation.resource, allocation.amount, node.labels.replicas);
      held.set(key, entry);
    }
  return [...held.values()].sort((a, b) => a.pod.localeCompare(b.pod));
}

export function podGpusOf(
  nodes: readonly NodeGpuInventory[],
  namespace: string,
  pod: string,
): PodGpus | undefined {
  const [held] = podsHoldingGpus(nodes, namespace, (name) => name === pod);
  if (held === undefined) return undefined;
  return held.product === undefined ? { count: held.count } : { count: held.count, product: held.product };
}

function gpuShare(resource: string, amount: number, replicas: number | undefined): number {
  const mig = MIG_RESOURCE.exec(resource)?.[1];
  if (mig !== undefined) return (amount * Number(mig)) / MIG_COMPUTE_SLICES;
  if (resource.endsWith('.shared')) return amount / Math.max(1, replicas ?? 1);
  return amount;
}
