/**
 * The retirement policy: a version that has had no traffic for `days` is archived, and stays
 * rollback-able (its artifact and registry row are kept; promoting it again brings it back).
 * A version has traffic while an alias points at it, while one of its deployments serves, and
 * whenever a serving sample of it was logged. Pure: the service gathers these facts.
 */
import type { RetirementCandidate } from '../api/scorecard-contract.ts';
import type { ServingDeployment } from '../store/version-traffic-records.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Stages a version is never retired from again, or cannot be. */
const SKIPPED_STAGES = new Set(['Archived', 'Deleted_Internal']);

export interface VersionTraffic {
  model_name: string;
  model_version: string;
  stage: string;
  created_time: number;
  aliases: string[];
  last_sample_time?: number;
  deployments: ServingDeployment[];
}

export function retirementCandidate(
  traffic: VersionTraffic,
  days: number,
  now: number,
): RetirementCandidate | undefined {
  if (SKIPPED_STAGES.has(traffic.stage) || traffic.aliases.length > 0) return undefined;
  const cutoff = now - days * DAY_MS;
  if (traffic.created_time > cutoff) return undefined;
  const live = traffic.deployments.find((d) => d.until === undefined);
  if (live !== undefined) return undefined;
  const times = [traffic.last_sample_time, ...traffic.deployments.map((d) => d.until)].filter(
    (t): t is number => t !== undefined,
  );
  const last = times.length === 0 ? undefined : Math.max(...times);
  if (last !== undefined && last > cutoff) return undefined;
  const reason =
    last === undefined
      ? `never served (no deployment, no serving sample) in the ${Math.round((now - traffic.created_time) / DAY_MS)} days since it was registered`
      : `no traffic for ${Math.floor((now - last) / DAY_MS)} days (last ${new Date(last).toISOString()})`;
  return {
    model_name: traffic.model_name,
    model_version: traffic.model_version,
    stage: traffic.stage,
    ...(last === undefined ? {} : { last_traffic_time: last }),
    reason,
    rollback_command: `mlops-lens models promote ${traffic.model_name} ${traffic.model_version} --alias ALIAS`,
  };
}
