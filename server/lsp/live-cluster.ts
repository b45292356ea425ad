/**
 * The live cluster context a client sends in `mlopsLens/clusterContext`: checked field by field
 * (a bad payload is refused whole, naming the field), and turned into the engine's
 * `ClusterContext`.
 */
import type { ClusterContext } from '../gpu/cluster-context.ts';

export type LiveClusterReading =
  | { readonly ok: true; readonly cluster: ClusterContext | undefined }
  | { readonly ok: false; readonly error: string };

const MIG_STRATEGIES = new Set(['none', 'single', 'mixed']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class FieldError extends Error {}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new FieldError(`${where} must be an array of strings`);
  return value;
}

function counts(value: unknown, where: string): Record<string, number> {
  if (!isRecord(value)) throw new FieldError(`${where} must be an object of numbers`);
  for (const [key, count] of Object.entries(value)) {
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0)
      throw new FieldError(`${where}["${key}"] must be a number of at least 0`);
  }
  return value as Record<string, number>;
}

function timeSlicing(value: unknown): ClusterContext['timeSlicing'] {
  if (value === undefined) return undefined;
  if (
    !isRecord(value) ||
    typeof value.replicas !== 'number' ||
    !Number.isInteger(value.replicas) ||
    typeof value.renamed !== 'boolean'
  )
    throw new FieldError('cluster.timeSlicing must be {replicas: integer, renamed: boolean}');
  return { replicas: value.replicas, renamed: value.renamed };
}

function toCluster(value: Record<string, unknown>): ClusterContext {
  if (typeof value.name !== 'string' || value.name === '')
    throw new FieldError('cluster.name must be a non-empty string');
  const strategy = value.migStrategy;
  if (strategy !== undefined && (typeof strategy !== 'string' || !MIG_STRATEGIES.has(strategy)))
    throw new FieldError('cluster.migStrategy must be "none", "single" or "mixed"');
  return {
    source: 'live',
    name: value.name,
    gpuProducts: strings(value.gpuProducts, 'cluster.gpuProducts'),
    migStrategy: strategy as ClusterContext['migStrategy'],
    migProfiles: strings(value.migProfiles, 'cluster.migProfiles'),
    freeMigSlices: counts(value.freeMigSlices, 'cluster.freeMigSlices'),
    timeSlicing: timeSlicing(value.timeSlicing),
    peakGpuMemoryMiB: counts(value.peakGpuMemoryMiB, 'cluster.peakGpuMemoryMiB'),
  };
}

/** Reads the notification's params: `{cluster: {...}}` or `{cluster: null}`. */
export function readLiveCluster(params: unknown): LiveClusterReading {
  if (!isRecord(params) || !('cluster' in params))
    return { ok: false, error: 'the params must be an object with a "cluster" field' };
  if (params.cluster === null) return { ok: true, cluster: undefined };
  if (!isRecord(params.cluster)) return { ok: false, error: 'cluster must be an object or null' };
  try {
    return { ok: true, cluster: toCluster(params.cluster) };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, error: error.message };
    throw error;
  }
}
