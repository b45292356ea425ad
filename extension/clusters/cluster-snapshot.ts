/**
 * What the Clusters view shows, read from the daemon without any `vscode` import: the
 * kubeconfig contexts with their freshness, and the GPU inventory of each watched one with the
 * GPUs its pods leave idle (`cost/idle-gpus`, read with the same refresh).
 */
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { IdleGpu, IdleGpusResponse } from '../../daemon/api/cost-contract.ts';
import type {
  ClusterContextsResponse,
  ClusterContextSummary,
  ClusterFreshness,
  ClusterNodesResponse,
  NodeGpuInventory,
} from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';

/** How the extension calls the daemon (`DaemonConnection.request`; tests call a real daemon). */
export type DaemonRequest = DaemonConnection['request'];

export interface ContextSnapshot {
  readonly summary: ClusterContextSummary;
  /** The inventory of a watched context, as of `summary.freshness`. */
  readonly nodes: readonly NodeGpuInventory[];
  /** Why the inventory could not be read, when it could not. */
  readonly error?: string;
  /** GPUs of pods whose use stayed under `idleThresholdPercent`; empty without a metrics source. */
  readonly idle?: readonly IdleGpu[];
  readonly idleThresholdPercent?: number;
  /** Why idle GPUs could not be read (no Prometheus set for the context), when they could not. */
  readonly idleUnknown?: string;
}

export interface ClusterSnapshot {
  readonly kubeconfig: readonly string[];
  readonly kubeconfigError?: string;
  readonly contexts: readonly ContextSnapshot[];
}

export const CLUSTERS_ROUTE = `${NATIVE_API_PREFIX}/clusters`;
export const COST_IDLE_GPUS_ROUTE = `${NATIVE_API_PREFIX}/cost/idle-gpus`;

export function contextQuery(context: string): string {
  return `context=${encodeURIComponent(context)}`;
}

/** Which GPUs count as idle: under `thresholdPercent` for `hours` (the daemon's defaults: 5%, 4 h). */
export interface IdleGpuCriteria {
  readonly hours?: number;
  readonly thresholdPercent?: number;
}

function idleQuery(context: string, criteria: IdleGpuCriteria): string {
  return [
    contextQuery(context),
    criteria.hours !== undefined ? `hours=${criteria.hours}` : '',
    criteria.thresholdPercent !== undefined ? `threshold_percent=${criteria.thresholdPercent}` : '',
  ]
    .filter(Boolean)
    .join('&');
}

/** The idle GPUs of a context, or why the daemon cannot tell (no Prometheus set for it). */
async function idleGpus(
  request: DaemonRequest,
  context: string,
  criteria: IdleGpuCriteria,
): Promise<IdleGpusResponse | string> {
  try {
    return await request<IdleGpusResponse>('GET', `${COST_IDLE_GPUS_ROUTE}?${idleQuery(context, criteria)}`);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function contextSnapshot(
  request: DaemonRequest,
  summary: ClusterContextSummary,
  criteria: IdleGpuCriteria,
): Promise<ContextSnapshot> {
  if (!summary.enabled) return { summary, nodes: [] };
  try {
    const [answer, idle] = await Promise.all([
      request<ClusterNodesResponse>('GET', `${CLUSTERS_ROUTE}/nodes?${contextQuery(summary.name)}`),
      idleGpus(request, summary.name, criteria),
    ]);
    // The nodes answer's freshness is the newer one.
    return {
      summary: { ...summary, freshness: answer.freshness },
      nodes: answer.nodes,
      ...(typeof idle === 'string'
        ? { idleUnknown: idle }
        : { idle: idle.idle, idleThresholdPercent: idle.threshold_percent }),
    };
  } catch (error) {
    return { summary, nodes: [], error: error instanceof Error ? error.message : String(error) };
  }
}

export async function loadClusterSnapshot(
  request: DaemonRequest,
  idle: IdleGpuCriteria = {},
): Promise<ClusterSnapshot> {
  const answer = await request<ClusterContextsResponse>('GET', `${CLUSTERS_ROUTE}/contexts`);
  return {
    kubeconfig: answer.kubeconfig,
    ...(answer.kubeconfig_error !== undefined ? { kubeconfigError: answer.kubeconfig_error } : {}),
    contexts: await Promise.all(answer.contexts.map((summary) => contextSnapshot(request, summary, idle))),
  };
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false });
}

/**
 * One line on how current a context's data is: "live", "syncing…", "not watched", "error: …",
 * or "stale since 19:32:10 (watch silent for 30 s)" — never old data passed off as current.
 */
export function freshnessText(
  freshness: Pick<ClusterFreshness, 'state' | 'stale_since' | 'reason' | 'last_sync_time'>,
): string {
  switch (freshness.state) {
    case 'disabled':
      return 'not watched';
    case 'syncing':
      return 'syncing…';
    case 'live':
      return 'live';
    case 'error':
      return `error: ${freshness.reason ?? 'the cluster refused the daemon'}`;
    case 'stale': {
      const since = freshness.stale_since ?? freshness.last_sync_time;
      const when = since === undefined ? 'stale' : `stale since ${clock(since)}`;
      return freshness.reason ? `${when} (${freshness.reason})` : when;
    }
  }
}

/** "as of 19:30:02", for data shown from a cache that is not live. */
export function asOfText(freshness: ClusterFreshness): string | undefined {
  return freshness.state !== 'live' && freshness.last_sync_time !== undefined
    ? `as of ${clock(freshness.last_sync_time)}`
    : undefined;
}
