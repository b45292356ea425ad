/**
 * What the GPU rules know about the target cluster: from the workspace profile in
 * `.mlops-lens.yaml`, or live from the daemon's cluster watcher (which is more precise).
 */
import type { ClusterProfile } from '../config/model.ts';

export interface ClusterContext {
  readonly source: 'workspace-profile' | 'live';
  /** The kubeconfig context name, for messages. */
  readonly name?: string;
  readonly gpuProducts: readonly string[];
  readonly migStrategy: 'none' | 'single' | 'mixed' | undefined;
  /** MIG profiles the cluster offers (e.g. `1g.10gb`), when known. */
  readonly migProfiles: readonly string[] | undefined;
  /** Free slices per MIG profile across the cluster, when known live. */
  readonly freeMigSlices?: Readonly<Record<string, number>>;
  readonly timeSlicing: { readonly replicas: number; readonly renamed: boolean } | undefined;
  /** Observed peak GPU memory per workload, keyed `namespace/name` (MiB). */
  readonly peakGpuMemoryMiB?: Readonly<Record<string, number>>;
}

export function clusterFromProfile(profile: ClusterProfile | undefined): ClusterContext | undefined {
  if (!profile) return undefined;
  return {
    source: 'workspace-profile',
    gpuProducts: profile.gpuProducts ?? [],
    migStrategy: profile.migStrategy,
    migProfiles: profile.migProfiles?.map((p) => p.replace('+me', '.me')),
    timeSlicing: profile.timeSlicing
      ? { replicas: profile.timeSlicing.replicas, renamed: profile.timeSlicing.renameByDefault ?? false }
      : undefined,
  };
}
