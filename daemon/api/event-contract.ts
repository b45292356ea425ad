/**
 * The change stream (Server-Sent Events) that the extension's views and panels follow.
 */
import type { AlertRuleId, AlertStatus } from './alert-contract.ts';
import type { ClusterFailureKind, ClusterSyncState } from './cluster-contract.ts';
import type { DeploymentState } from './deployment-contract.ts';
import type { ModelStage, RunStatus } from './mlflow-contract.ts';
import type { ProvenanceBadge } from './registry-contract.ts';

/** GET `${NATIVE_API_PREFIX}/events`: a Server-Sent Events stream; each `event:` is one of these types. */
export type ChangeEvent =
  | { type: 'run_created'; run_id: string; experiment_id: string }
  | { type: 'run_updated'; run_id: string; status?: RunStatus }
  /** Coalesced: every metric logged to the run within a short window. */
  | { type: 'metrics_logged'; run_id: string; keys: string[]; points: number }
  | { type: 'model_version_created'; name: string; version: string; provenance: ProvenanceBadge }
  | { type: 'alias_changed'; name: string; alias: string; version?: string }
  | { type: 'stage_changed'; name: string; version: string; stage: ModelStage }
  /** Any other change to a registered model or one of its versions (description, tags, rename, delete). */
  | { type: 'model_updated'; name: string; version?: string }
  /** An experiment was created, renamed, deleted, restored or tagged. */
  | { type: 'experiment_changed'; experiment_id: string }
  /** A watched cluster context became live, stale, or failed (see `ClusterFreshness`). */
  | {
      type: 'cluster_state_changed';
      context: string;
      state: ClusterSyncState;
      stale_since?: number;
      reason?: string;
    }
  /**
   * Coalesced: objects of a watched context changed within a short window; `keys` names up to
   * a few of them (`pods/<namespace>/<name>`), `objects` counts them all.
   */
  | { type: 'cluster_objects_changed'; context: string; resources: string[]; objects: number; keys: string[] }
  /** A failure was first seen on a watched context (its evidence is at `clusters/failures`). */
  | {
      type: 'cluster_failure';
      context: string;
      id: string;
      kind: ClusterFailureKind;
      namespace: string;
      pod?: string;
    }
  /** A drift report was computed for a model version. */
  | { type: 'drift_report_created'; report_id: string; name: string; version: string; dataset_drift: boolean }
  /** An alert opened, repeated, was silenced or resolved. */
  | {
      type: 'alert_changed';
      alert_id: string;
      rule: AlertRuleId;
      name: string;
      version: string;
      feature?: string;
      status: AlertStatus;
      silenced: boolean;
    }
  /** A deployment moved: a step applied, rolled out, promoted, rolled back or failed (`message` says which). */
  | {
      type: 'deployment_progress';
      deployment_id: string;
      name: string;
      version: string;
      state: DeploymentState;
      traffic_percent: number;
      message: string;
    }
  /** The requested `Last-Event-ID` is older than the daemon remembers: reload everything. */
  | { type: 'resync' };

export type ChangeEventType = ChangeEvent['type'];

/** Every change event type; `GET events?type=…` (repeated or comma-separated) narrows the stream. */
export const CHANGE_EVENT_TYPES: readonly ChangeEventType[] = [
  'run_created',
  'run_updated',
  'metrics_logged',
  'model_version_created',
  'alias_changed',
  'stage_changed',
  'model_updated',
  'experiment_changed',
  'cluster_state_changed',
  'cluster_objects_changed',
  'cluster_failure',
  'drift_report_created',
  'alert_changed',
  'deployment_progress',
  'resync',
];

/**
 * The `data:` of each event: the change and when the daemon published it. Each event's `id:` is
 * `<daemon start>-<sequence>`; send it back as `Last-Event-ID` (or `?last_event_id=`) to resume.
 * Comment lines (`: heartbeat`) keep the stream alive; the daemon ends it when it shuts down.
 */
export type ChangeEventData = ChangeEvent & { time: number };
