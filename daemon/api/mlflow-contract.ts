/**
 * The MLflow-compatible part of the daemon's HTTP API, as its clients (the extension, the CLI,
 * tests) see it: it mirrors MLflow's REST API 2.0 JSON (ids are strings, times are epoch
 * milliseconds, metric values are numbers or "NaN"), with the discovery file clients find the
 * daemon by. Types and constants only.
 */

/** MLflow routes live under this prefix; artifact transfers under the second one. */
export const MLFLOW_API_PREFIX = '/api/2.0/mlflow';
export const MLFLOW_ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts';

/** What `<data-dir>/daemon.json` holds while a daemon serves that data directory. */
export interface DaemonDiscovery {
  url: string;
  pid: number;
  version: string;
  startedAt: string;
}

export const DISCOVERY_FILE = 'daemon.json';
export const TOKEN_FILE = 'token';
export const DEFAULT_DAEMON_PORT = 5151;

/** Every error response body. */
export interface ErrorResponse {
  error_code: string;
  message: string;
}

export type LifecycleStage = 'active' | 'deleted';
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface KeyValue {
  key: string;
  value: string;
}

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number;
  last_update_time: number;
  tags: KeyValue[];
}

/** A metric point on the wire: NaN travels as the string "NaN", as protobuf JSON writes it. */
export interface Metric {
  key: string;
  value: number | 'NaN';
  timestamp: number;
  step: number;
}

export interface RunInfo {
  run_id: string;
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: LifecycleStage;
}

export interface RunData {
  metrics: Metric[];
  params: KeyValue[];
  tags: KeyValue[];
}

export interface Dataset {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInput {
  tags: KeyValue[];
  dataset: Dataset;
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: { dataset_inputs: DatasetInput[] };
}

export interface SearchRunsResponse {
  runs: Run[];
  next_page_token?: string;
}

export interface SearchExperimentsResponse {
  experiments: Experiment[];
  next_page_token?: string;
}

export interface MetricHistoryResponse {
  metrics: Metric[];
  next_page_token?: string;
}

export interface ArtifactFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

export interface ListArtifactsResponse {
  files: ArtifactFileInfo[];
}

export type ModelStage = 'None' | 'Staging' | 'Production' | 'Archived';

export interface ModelVersion {
  name: string;
  /** MLflow sends version numbers as strings. */
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id: string;
  current_stage: ModelStage;
  description: string;
  source: string;
  run_id: string;
  run_link: string;
  status: 'READY';
  tags: KeyValue[];
  aliases: string[];
}

export interface RegisteredModelAlias {
  alias: string;
  version: string;
}

export interface RegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  latest_versions: ModelVersion[];
  tags: KeyValue[];
  aliases: RegisteredModelAlias[];
}

/** One alias, stage or deployment change of the registry's audit log. */
export interface RegistryAuditEntry {
  time: number;
  actor: string;
  name: string;
  action:
    | 'set_alias'
    | 'delete_alias'
    | 'transition_stage'
    | 'deploy'
    | 'promote_deployment'
    | 'roll_back_deployment';
  /** The deployment, for deployment actions. */
  deployment_id?: string;
  alias?: string;
  version?: string;
  previous_version?: string;
  from_stage?: string;
  to_stage?: string;
}
