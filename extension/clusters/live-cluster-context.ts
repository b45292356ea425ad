/**
 * The workspace's live cluster for the language server (`mlopsLens/clusterContext`): which
 * context (the `mlopsLens.clusterContext` setting, else the watched one marked production, else
 * the first live one), and its GPU facts from the daemon — inventory, free MIG slices and the
 * observed peak GPU memory per workload. Only a live cache is sent; stale data is not.
 */
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type {
  ClusterSlicesResponse,
  NodeGpuInventory,
  PeakGpuMemoryResponse,
} from '../../daemon/api/contract.ts';
import type { LiveClusterContext } from '../../server/lsp/protocol.ts';
import type { ClusterSnapshot, ContextSnapshot, DaemonRequest } from './cluster-snapshot.ts';
import { CLUSTERS_ROUTE, contextQuery } from './cluster-snapshot.ts';

const MIG_RESOURCE = /^nvidia\.com\/mig-(.+)$/;
const SHARED_GPU = 'nvidia.com/gpu.shared';
/** The window the observed peak is taken over. */
export const PEAK_WINDOW = '24h';

/** The context the workspace's GPU rules should see, if any is live. */
export function workspaceContext(
  snapshot: ClusterSnapshot,
  setting: string | undefined,
): ContextSnapshot | undefined {
  const live = snapshot.contexts.filter((c) => c.summary.enabled && c.summary.freshness.state === 'live');
  if (setting) return live.find((c) => c.summary.name === setting);
  return live.find((c) => c.summary.production) ?? live[0];
}

function migStrategyOf(nodes: readonly NodeGpuInventory[]): LiveClusterContext['migStrategy'] {
  const strategies = new Set(nodes.map((n) => n.labels.mig_strategy).filter((s) => s !== undefined));
  if (strategies.has('mixed')) return 'mixed';
  if (strategies.has('single')) return 'single';
  return strategies.has('none') ? 'none' : undefined;
}

function timeSlicingOf(nodes: readonly NodeGpuInventory[]): LiveClusterContext['timeSlicing'] {
  const shared = nodes.filter(
    (n) => n.labels.sharing_strategy === 'time-slicing' && (n.labels.replicas ?? 1) > 1,
  );
  const first = shared[0];
  if (!first) return undefined;
  const renamed = shared.some((n) => n.resources.some((r) => r.resource === SHARED_GPU));
  return { replicas: first.labels.replicas ?? 1, renamed };
}

/** Builds the notification's payload from the daemon's answers. */
export function liveClusterContext(
  name: string,
  nodes: readonly NodeGpuInventory[],
  slices: ClusterSlicesResponse['slices'],
  peaks: PeakGpuMemoryResponse['workloads'],
): LiveClusterContext {
  const products = new Set(nodes.map((n) => n.labels.product).filter((p) => p !== undefined));
  const migProfiles = new Set<string>();
  const freeMigSlices: Record<string, number> = {};
  for (const slice of slices) {
    const profile = MIG_RESOURCE.exec(slice.resource)?.[1];
    if (profile === undefined || slice.allocatable <= 0) continue;
    migProfiles.add(profile);
    freeMigSlices[profile] = (freeMigSlices[profile] ?? 0) + Math.max(0, slice.free);
  }
  const peakGpuMemoryMiB: Record<string, number> = {};
  for (const workload of peaks) {
    const key = `${workload.namespace}/${workload.name}`;
    peakGpuMemoryMiB[key] = Math.max(peakGpuMemoryMiB[key] ?? 0, workload.peak_fb_used_mib);
  }
  const migStrategy = migStrategyOf(nodes);
  const timeSlicing = timeSlicingOf(nodes);
  return {
    name,
    gpuProducts: [...products].sort(),
    ...(migStrategy !== undefined ? { migStrategy } : {}),
    migProfiles: [...migProfiles].sort(),
    freeMigSlices,
    ...(timeSlicing !== undefined ? { timeSlicing } : {}),
    peakGpuMemoryMiB,
  };
}

/**
 * Reads the chosen context's slices and peak memory. Without a Prometheus for the context (or
 * while it is down) the peaks are left out: the rules then say nothing about memory.
 */
export async function loadLiveClusterContext(
  request: DaemonRequest,
  snapshot: ClusterSnapshot,
  setting: string | undefined,
): Promise<LiveClusterContext | null> {
  const chosen = workspaceContext(snapshot, setting);
  if (!chosen) return null;
  const query = contextQuery(chosen.summary.name);
  const slices = await request<ClusterSlicesResponse>('GET', `${CLUSTERS_ROUTE}/slices?${query}`);
  const peaks = await request<PeakGpuMemoryResponse>(
    'GET',
    `${NATIVE_API_PREFIX}/metrics/gpu-peak-memory?${query}&window=${PEAK_WINDOW}`,
  ).catch(() => undefined);
  return liveClusterContext(
    chosen.summary.name,
    chosen.nodes,
    slices.slices,
    peaks?.availability.state === 'available' ? peaks.workloads : [],
  );
}
