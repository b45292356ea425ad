/**
 * The pages the editor's Runs and Models views read, and the workspace folders the daemon
 * watches. Types only.
 */
import type { ModelStage, RegisteredModelAlias, RunStatus } from './mlflow-contract.ts';
import type { ProvenanceBadge } from './registry-contract.ts';

/** GET `${NATIVE_API_PREFIX}/runs?experiment_id=…`: one row of the Runs view. */
export interface RunSummary {
  run_id: string;
  run_name: string;
  experiment_id: string;
  status: RunStatus;
  start_time: number;
  end_time?: number;
  user_id: string;
  /** The latest value of a few metrics (the requested `metric_key`s, else the first few by name). */
  key_metrics: { key: string; value: number | 'NaN'; step: number }[];
}

export interface RunPageResponse {
  runs: RunSummary[];
  next_page_token?: string;
}

export interface ModelVersionSummary {
  version: string;
  current_stage: ModelStage;
  aliases: string[];
  run_id: string;
  creation_timestamp: number;
  provenance: ProvenanceBadge;
}

/** GET `${NATIVE_API_PREFIX}/models`: one row of the Models view. */
export interface ModelSummary {
  name: string;
  description: string;
  last_updated_timestamp: number;
  aliases: RegisteredModelAlias[];
  /** The newest versions first (at most a few). */
  latest_versions: ModelVersionSummary[];
}

export interface ModelPageResponse {
  models: ModelSummary[];
  next_page_token?: string;
}

/** A folder registered with `${NATIVE_API_PREFIX}/workspaces`; its real (symlink-free) path. */
export interface WorkspaceFolder {
  path: string;
  registered_time: number;
}

/** POST `${NATIVE_API_PREFIX}/workspaces`: absolute paths of existing directories. */
export interface RegisterWorkspacesRequest {
  folders: string[];
}

/** POST and GET `${NATIVE_API_PREFIX}/workspaces`: every registered folder, by path. */
export interface WorkspacesResponse {
  folders: WorkspaceFolder[];
}
