/**
 * GPU sizing: the smallest slice the cluster has free that fits the model's memory. The memory is
 * an earlier version's observed peak (plus headroom) when there is one, otherwise an estimate
 * from the artifact's size and framework. Pure.
 */
import type { GpuSizing, NodeGpuInventory } from '../api/contract.ts';
import {
  gpuModelOf,
  parseMigName,
  UNMEASURED_USABLE_SHARE,
  usableProfileMemory,
} from '../../server/gpu/mig-catalog.ts';
import { baseProduct } from '../../server/gpu/target-gpu.ts';

/** Headroom on an observed peak: traffic peaks and allocator fragmentation. */
export const OBSERVED_HEADROOM = 1.2;

/**
 * The CUDA context and runtime a GPU process holds before it loads anything (MiB). PyTorch 2.11
 * with CUDA 13 measured 621 MiB on H100 and H200 (test/fixtures/gpu-sizing); other stacks load
 * more kernels eagerly, hence the margin.
 */
export const RUNTIME_OVERHEAD_MIB = 1024;

/**
 * The least memory for activations and workspaces above the weights (MiB): a small network run
 * on a batch needs far more than a multiple of its weights (ResNet-50, 98 MiB of weights, peaked
 * at 1,247 MiB with 32 images).
 */
export const MIN_WORKSPACE_MIB = 512;

/**
 * Memory per byte of artifact once loaded for inference: weights plus activations, caches and
 * framework workspaces. Rules of thumb, checked against measured peaks (test/fixtures/gpu-sizing)
 * but not measurements of this model; the reasoning says it is an estimate.
 */
export const FRAMEWORK_MULTIPLIERS: Readonly<Record<string, number>> = {
  pytorch: 1.5,
  transformers: 1.5,
  tensorflow: 1.6,
  keras: 1.6,
  onnx: 1.3,
  xgboost: 1.2,
  lightgbm: 1.2,
  sklearn: 1.2,
};

/** For a framework not in the table. */
export const UNKNOWN_FRAMEWORK_MULTIPLIER = 2;

/** What sizing knows of the model. */
export interface ModelMemoryEvidence {
  /** The peak GPU memory an earlier version used (MiB), and which version. */
  observedPeakMib?: number;
  observedVersion?: string;
  artifactBytes?: number;
  framework?: string;
}

/** One kind of GPU unit the cluster has free. */
export interface GpuCandidate {
  resource: string;
  memoryMib: number;
  free: number;
  /** How the memory was derived, for the reasoning. */
  note: string;
}

export class SizingError extends Error {
  readonly reasoning: string[];
  constructor(message: string, reasoning: string[]) {
    super(message);
    this.name = 'SizingError';
    this.reasoning = reasoning;
  }
}

const MIB = 1024 * 1024;

function requiredMemory(
  evidence: ModelMemoryEvidence,
  reasoning: string[],
): {
  mib: number;
  basis: GpuSizing['basis'];
} {
  if (evidence.observedPeakMib !== undefined && evidence.observedPeakMib > 0) {
    const mib = Math.ceil(evidence.observedPeakMib * OBSERVED_HEADROOM);
    reasoning.push(
      `observed peak ${evidence.observedPeakMib} MiB` +
        (evidence.observedVersion ? ` for version ${evidence.observedVersion}` : '') +
        ` × ${OBSERVED_HEADROOM} headroom = ${mib} MiB`,
    );
    return { mib, basis: 'observed' };
  }
  if (evidence.artifactBytes === undefined || evidence.artifactBytes <= 0) {
    throw new SizingError(
      'cannot size the GPU: no observed peak memory for an earlier version and no artifact size',
      reasoning,
    );
  }
  const framework = evidence.framework?.toLowerCase();
  const multiplier =
    (framework !== undefined ? FRAMEWORK_MULTIPLIERS[framework] : undefined) ?? UNKNOWN_FRAMEWORK_MULTIPLIER;
  const artifactMib = Math.ceil(evidence.artifactBytes / MIB);
  const scaled = Math.ceil(artifactMib * multiplier);
  const floored = scaled < artifactMib + MIN_WORKSPACE_MIB;
  const loaded = floored ? artifactMib + MIN_WORKSPACE_MIB : scaled;
  const mib = loaded + RUNTIME_OVERHEAD_MIB;
  const model = floored
    ? `artifact ${artifactMib} MiB + ${MIN_WORKSPACE_MIB} MiB least workspace (more than × ${multiplier} for ${framework ?? 'an unknown framework'})`
    : `artifact ${artifactMib} MiB × ${multiplier} (${framework ?? 'unknown framework'})`;
  reasoning.push(
    `estimate (no peak observed for an earlier version): ${model} + ${RUNTIME_OVERHEAD_MIB} MiB runtime = ${mib} MiB`,
  );
  return { mib, basis: 'estimate' };
}

/** The smallest free candidate that fits, with the reasoning lines. */
export function sizeGpu(evidence: ModelMemoryEvidence, candidates: readonly GpuCandidate[]): GpuSizing {
  const reasoning: string[] = [];
  const { mib, basis } = requiredMemory(evidence, reasoning);
  const fitting = candidates
    .filter((candidate) => candidate.free > 0 && candidate.memoryMib >= mib)
    .sort((a, b) => a.memoryMib - b.memoryMib || a.resource.localeCompare(b.resource));
  for (const candidate of candidates) {
    if (candidate.free <= 0) reasoning.push(`${candidate.resource}: none free`);
    else if (candidate.memoryMib < mib)
      reasoning.push(`${candidate.resource}: ${candidate.memoryMib} MiB (${candidate.note}) is too small`);
  }
  const chosen = fitting[0];
  if (!chosen) {
    throw new SizingError(`no free GPU slice in the cluster has ${mib} MiB`, reasoning);
  }
  reasoning.push(
    `chosen ${chosen.resource}: ${chosen.memoryMib} MiB (${chosen.note}), ${chosen.free} free, the smallest that fits`,
  );
  return {
    resource: chosen.resource,
    slice_memory_mib: chosen.memoryMib,
    required_memory_mib: mib,
    basis,
    reasoning,
  };
}

/**
 * The GPU units free in the cluster, with their memory: a MIG profile by the memory a process can
 * use on it (`1g.10gb` on an H100 80GB has 9.75 GiB, see {@link usableProfileMemory}), a time-sliced shared GPU by an equal share of its node's GPU memory, a whole GPU by
 * the node's `nvidia.com/gpu.memory` label.
 */
export function gpuCandidates(inventories: readonly NodeGpuInventory[]): GpuCandidate[] {
  const byResource = new Map<string, GpuCandidate>();
  for (const inventory of inventories) {
    if (!inventory.ready || inventory.unschedulable) continue;
    for (const amount of inventory.resources) {
      const candidate = candidateOf(amount.resource, inventory);
      if (!candidate) continue;
      const seen = byResource.get(amount.resource);
      if (seen) {
        seen.free += amount.free;
        seen.memoryMib = Math.min(seen.memoryMib, candidate.memoryMib);
      } else byResource.set(amount.resource, { ...candidate, free: amount.free });
    }
  }
  return [...byResource.values()];
}

function candidateOf(resource: string, inventory: NodeGpuInventory): Omit<GpuCandidate, 'free'> | undefined {
  const gpuMemory = inventory.labels.memory_mib;
  if (resource === 'nvidia.com/gpu.shared') {
    const replicas = inventory.labels.replicas ?? 1;
    if (gpuMemory === undefined) return undefined;
    return {
      resource,
      memoryMib: Math.floor(gpuMemory / replicas),
      note: `time-sliced: a 1/${replicas} share of ${gpuMemory} MiB, not isolated`,
    };
  }
  if (resource === 'nvidia.com/gpu') {
    if (gpuMemory === undefined) return undefined;
    return { resource, memoryMib: gpuMemory, note: 'a whole GPU' };
  }
  const mig = parseMigName(resource);
  if (!mig) return undefined;
  const product = inventory.labels.product;
  const model = product === undefined ? undefined : gpuModelOf(baseProduct(product));
  const usable = usableProfileMemory(model, mig.profile);
  const note = usable.measured
    ? `MIG ${mig.profile}, usable memory as nvidia-smi reports it on ${model?.id ?? 'this GPU'}`
    : `MIG ${mig.profile}, assumed ${Math.round(UNMEASURED_USABLE_SHARE * 100)}% of its name's size usable`;
  return { resource, memoryMib: usable.mib, note };
}
