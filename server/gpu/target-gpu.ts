/**
 * Which GPU a workload lands on, and which MIG slices it could ask for instead: from the pod's
 * `nvidia.com/gpu.product` node selector, else the cluster's GPU products (when they are one
 * model), and the cluster's MIG inventory when it is known.
 */
import type { Workload } from '../workloads/model.ts';
import type { ClusterContext } from './cluster-context.ts';
import { gpuModelOf, modelOffers, parseMigName } from './mig-catalog.ts';
import type { GpuModel } from './mig-catalog.ts';

export const GPU_PRODUCT_LABEL = 'nvidia.com/gpu.product';

export interface MigSlice {
  /** e.g. `1g.10gb` */
  readonly profile: string;
  readonly media: boolean;
  readonly computeSlices: number;
  readonly memoryGb: number;
}

/** The product label without the suffixes GPU feature discovery adds for MIG and sharing. */
export function baseProduct(product: string): string {
  return product.replace(/-MIG-.*$/i, '').replace(/-SHARED$/i, '');
}

export function targetGpuModel(
  workload: Workload,
  cluster: ClusterContext | undefined,
): GpuModel | undefined {
  const product = workload.nodeSelector[GPU_PRODUCT_LABEL];
  if (product !== undefined) return gpuModelOf(baseProduct(product));
  const models = new Set(
    (cluster?.gpuProducts ?? []).map((p) => gpuModelOf(baseProduct(p))).filter((m) => m !== undefined),
  );
  return models.size === 1 ? [...models][0] : undefined;
}

export function migSlice(name: string): MigSlice | undefined {
  const parsed = parseMigName(name);
  const match = parsed && /^(\d+)g\.(\d+)gb$/.exec(parsed.profile);
  if (!parsed || !match) return undefined;
  return {
    profile: parsed.profile,
    media: parsed.media,
    computeSlices: Number(match[1]),
    memoryGb: Number(match[2]),
  };
}

export function sliceName(slice: MigSlice): string {
  return slice.media ? `${slice.profile}.me` : slice.profile;
}

export function modelSlices(model: GpuModel): MigSlice[] {
  return model.profiles.flatMap((p) => {
    const plain = { profile: p.name, media: false, computeSlices: p.computeSlices, memoryGb: p.memoryGb };
    return model.mediaProfiles.includes(p.name) ? [plain, { ...plain, media: true }] : [plain];
  });
}

/**
 * The MIG slices the workload could use: the cluster's inventory when known, else every
 * profile of its GPU model; undefined when neither is known.
 */
export function availableSlices(
  model: GpuModel | undefined,
  cluster: ClusterContext | undefined,
): MigSlice[] | undefined {
  if (cluster?.migProfiles !== undefined) {
    const inventory = cluster.migProfiles.map(migSlice).filter((s) => s !== undefined);
    // On a mixed cluster, only the slices of the model the workload lands on.
    return model ? inventory.filter((s) => modelOffers(model, s.profile, s.media)) : inventory;
  }
  return model ? modelSlices(model) : undefined;
}

/** The pod is pinned to a GPU product that has no MIG (or that the MIG catalog does not know). */
export function pinnedToNonMigGpu(workload: Workload): boolean {
  const product = workload.nodeSelector[GPU_PRODUCT_LABEL];
  return product !== undefined && gpuModelOf(baseProduct(product)) === undefined;
}

/** Smallest first: by memory, then by compute. */
export function bySize(a: MigSlice, b: MigSlice): number {
  return a.memoryGb - b.memoryGb || a.computeSlices - b.computeSlices || Number(a.media) - Number(b.media);
}

/**
 * Where `nvidia.com/gpu: 1` already is a slice of a GPU: the MIG `single` strategy or
 * time-slicing without renaming, told by the node selector's labels (`nvidia.com/mig.strategy`,
 * `nvidia.com/gpu.sharing-strategy`, `nvidia.com/gpu.replicas`, a `-SHARED` or `-MIG-...`
 * product) or by the cluster context.
 */
export function wholeGpuIsSlice(workload: Workload, cluster: ClusterContext | undefined): boolean {
  const selector = workload.nodeSelector;
  const product = selector[GPU_PRODUCT_LABEL] ?? '';
  if (baseProduct(product) !== product) return true;
  if (selector['nvidia.com/mig.strategy'] === 'single') return true;
  const sharing = selector['nvidia.com/gpu.sharing-strategy'];
  if (sharing !== undefined && sharing !== 'none') return true;
  if (Number(selector['nvidia.com/gpu.replicas'] ?? '1') > 1) return true;
  return (
    cluster?.migStrategy === 'single' || (cluster?.timeSlicing !== undefined && !cluster.timeSlicing.renamed)
  );
}
