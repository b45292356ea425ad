/**
 * The GPU resources the GPU rules look at. Containers that share a `resources` map or a whole
 * spec through YAML anchors are visited once per node, so each entry is reported once.
 */
import { isGpuResource } from '../../workloads/model.ts';
import type { Container, ManifestFile, Quantity } from '../../workloads/model.ts';
import { parseQuantity } from '../../gpu/quantity.ts';

export interface GpuQuantity {
  readonly container: Container;
  readonly quantity: Quantity;
  readonly side: 'requests' | 'limits';
}

export function gpuQuantities(file: ManifestFile): GpuQuantity[] {
  const seen = new Set<unknown>();
  const out: GpuQuantity[] = [];
  for (const workload of file.workloads) {
    for (const container of workload.containers) {
      for (const side of ['requests', 'limits'] as const) {
        for (const quantity of container.resources[side].values()) {
          if (!isGpuResource(quantity.resource) || seen.has(quantity.pair)) continue;
          seen.add(quantity.pair);
          out.push({ container, quantity, side });
        }
      }
    }
  }
  return out;
}

/** A container that asks for a GPU: any NVIDIA GPU resource with a quantity other than 0. */
export function usesGpu(container: Container): boolean {
  for (const side of [container.resources.requests, container.resources.limits]) {
    for (const quantity of side.values()) {
      if (isGpuResource(quantity.resource) && parseQuantity(quantity.raw) !== 0) return true;
    }
  }
  return false;
}

/** Containers that ask for a GPU, each container map once. */
export function gpuContainers(file: ManifestFile): Container[] {
  const seen = new Set<unknown>();
  const out: Container[] = [];
  for (const workload of file.workloads) {
    for (const container of workload.containers) {
      if (seen.has(container.map) || !usesGpu(container)) continue;
      seen.add(container.map);
      out.push(container);
    }
  }
  return out;
}
