/**
 * The GPUs a pod holds, read from a context's node inventory, as a count of whole GPUs: a MIG
 * slice `mig-<n>g.<mem>` is n sevenths of its GPU, a time-shared `gpu.shared` replica one
 * `replicas`-th, and the product is the node's.
 */
import type { NodeGpuInventory } from '../api/contract.ts';
import type { PodGpus } from './training-run-cost.ts';

/** Compute slices of a MIG-capable GPU (A100, H100, H200). */
const MIG_COMPUTE_SLICES = 7;
const MIG_RESOURCE = /mig-(\d+)g\./;

export function podGpusOf(
  nodes: readonly NodeGpuInventory[],
  namespace: string,
  pod: string,
): PodGpus | undefined {
  for (const node of nodes) {
    const held = node.pods.filter((p) => p.namespace === namespace && p.name === pod);
    if (held.length === 0) continue;
    let count = 0;
    for (const allocation of held) {
      const mig = MIG_RESOURCE.exec(allocation.resource);
      if (mig?.[1] !== undefined) count += (allocation.amount * Number(mig[1])) / MIG_COMPUTE_SLICES;
      else if (allocation.resource.endsWith('.shared'))
        count += allocation.amount / Math.max(1, node.labels.replicas ?? 1);
      else count += allocation.amount;
    }
    return node.labels.product === undefined ? { count } : { count, product: node.labels.product };
  }
  return undefined;
}
