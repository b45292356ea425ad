/**
 * How current one reflector's cache is, and how the states of several combine into a
 * context's: the worst state wins (error, stale, syncing, live); the context was last in sync
 * when its least recently synced resource was.
 */
import type { ClusterFreshness, ClusterSyncState, ResourceFreshness } from '../api/contract.ts';

const SEVERITY: Record<ClusterSyncState, number> = { live: 0, syncing: 1, stale: 2, error: 3, disabled: 4 };

export function combinedFreshness(resources: readonly ResourceFreshness[]): ClusterFreshness {
  if (resources.length === 0) return { state: 'syncing', resources: [] };
  const worst = resources.reduce((a, b) => (SEVERITY[b.state] > SEVERITY[a.state] ? b : a));
  const freshness: ClusterFreshness = { state: worst.state, resources: [...resources] };
  const synced = resources.map((r) => r.last_sync_time);
  if (synced.every((t) => t !== undefined)) freshness.last_sync_time = Math.min(...synced);
  const staleSince = resources.map((r) => r.stale_since).filter((t) => t !== undefined);
  if (staleSince.length > 0 && worst.state !== 'live') freshness.stale_since = Math.min(...staleSince);
  if (worst.reason !== undefined && worst.state !== 'live')
    freshness.reason = `${worst.resource}: ${worst.reason}`;
  return freshness;
}
