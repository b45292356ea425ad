/**
 * What the scorecard is judged on, gathered from the store by scorecard-service.ts: the version
 * and its registry metadata, its lineage neighbourhood, its monitoring records and its traffic.
 */
import type { LineageResponse, ModelVersion, ModelVersionMetadataResponse } from '../api/contract.ts';
import type { ServingDeployment } from '../store/version-traffic-records.ts';

export interface ScorecardFacts {
  version: ModelVersion;
  metadata: ModelVersionMetadataResponse;
  /** The version's lineage, two steps out (run, its data, code and environment; deployments; drift). */
  lineage: LineageResponse;
  /** The model's other versions that are not deleted, by number. */
  otherVersions: { version: string; stage: string }[];
  /** Aliases on this version and the version each pointed at before (from the audit log). */
  aliasHistory: { alias: string; previous?: string }[];
  baseline?: { id: string; features: number; hasSchema: boolean };
  driftReports: { id: string; created_time: number; drifted_features: number }[];
  samples: { count: number; last?: number };
  labelled: number;
  deployments: ServingDeployment[];
  /** Cluster contexts with Prometheus configured (serving latency, errors and cost come from it). */
  prometheusContexts: string[];
  /** Open alerts on the version. */
  openAlerts: string[];
}
