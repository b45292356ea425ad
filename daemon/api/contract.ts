/**
 * The daemon's HTTP API, as its clients (the extension, the CLI, tests) see it. Types and
 * constants only. The MLflow-compatible part mirrors MLflow's REST API 2.0 JSON: ids are
 * strings, times are epoch milliseconds, metric values are numbers or "NaN".
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

/** The daemon's own (non-MLflow) routes live under this prefix. */
export const NATIVE_API_PREFIX = '/api/mlops-lens/v1';

/** POST `${NATIVE_API_PREFIX}/registry/aliases/rollback`: move an alias back to its previous version. */
export interface RollbackAliasRequest {
  name: string;
  alias: string;
}

export interface RollbackAliasResponse {
  /** The version the alias points to now. */
  model_version: ModelVersion;
  /** The version it pointed to before the rollback. */
  rolled_back_from: string;
}

/** GET `${NATIVE_API_PREFIX}/registry/audit?name=…`: the model's alias and stage changes, oldest first. */
export interface RegistryAuditResponse {
  entries: RegistryAuditEntry[];
}

/**
 * GET `${NATIVE_API_PREFIX}/registry/aliases/at?name=…&alias=…&time=…`: which version the alias
 * pointed to at `time` (epoch milliseconds), from the audit log; null when it pointed nowhere.
 */
export interface AliasAtTimeResponse {
  name: string;
  alias: string;
  time: number;
  version: string | null;
}

/** One input or output of a model signature (a column or a tensor). */
export interface TensorSpec {
  name: string;
  type: string;
  /** Dimensions; -1 for a variable one (such as the batch). */
  shape?: number[];
}

/** DESIGN's `ModelRegistryMetadata` (server/registry/model-registry-metadata.schema.json). */
export interface ModelRegistryMetadata {
  model_name: string;
  version: string;
  artifact_uri: string;
  framework: { name: string; version: string };
  signature: { inputs: TensorSpec[]; outputs: TensorSpec[] };
  provenance: { git_commit: string; dataset_snapshot_uri: string; environment_lockfile_uri?: string };
  /** Accountability, read from the version's `mlops_lens.*` tags (scorecard-contract's SCORECARD_TAGS). */
  owner?: string;
  intended_use?: string;
  limitations?: string;
  approval?: { approved_by: string; approved_at?: string };
  changelog?: string;
}

/** The metadata fields that make a model version's provenance, as the gate checks them. */
export type ProvenanceField = 'git_commit' | 'dataset_snapshot_uri';

/** The daemon's `--provenance-gate`: accept, flag (tag) or refuse versions without provenance. */
export type ProvenanceGateMode = 'off' | 'warn' | 'refuse';

/** The model-version tag the `warn` gate sets, listing the missing fields (comma-separated). */
export const PROVENANCE_MISSING_TAG = 'mlops_lens.provenance.missing';

/**
 * Version tags that declare provenance at model-versions/create for a version not registered
 * from a run the daemon knows (`mlops_lens.provenance.git_commit`, `….dataset_snapshot_uri`,
 * `….environment_lockfile_uri`). What the run recorded comes first; these fill the gaps.
 */
export const DECLARED_PROVENANCE_TAG_PREFIX = 'mlops_lens.provenance.';

/** A model version's provenance at a glance: `complete` once code and data are known. */
export type ProvenanceBadge = 'complete' | 'incomplete';

/**
 * GET `${NATIVE_API_PREFIX}/model-versions/metadata?name=…&version=…`. `metadata` holds what is
 * known; it is schema-valid only when `valid` (otherwise `schema_errors` says what is missing).
 */
export interface ModelVersionMetadataResponse {
  metadata: Partial<Omit<ModelRegistryMetadata, 'provenance' | 'framework'>> & {
    model_name: string;
    version: string;
    /** The version is missing when the logged model did not record it. */
    framework?: { name: string; version?: string };
    provenance: Partial<ModelRegistryMetadata['provenance']>;
  };
  valid: boolean;
  schema_errors: string[];
  provenance: { badge: ProvenanceBadge; missing: ProvenanceField[] };
}

/** Lineage node types of DESIGN's lineage model (monitoring comes later). */
export type LineageNodeType =
  | 'dataset'
  | 'preprocessing'
  | 'code'
  | 'environment'
  | 'run'
  | 'model_version'
  | 'deployment'
  | 'drift_report'
  | 'alert';

/**
 * Edge types; besides those of training and release, a model version or deployment is
 * `monitored_by` a drift report, a report `raised` an alert, and an alert `alerts_on` a model
 * version or deployment (`drift_report:<report id>`, `alert:<alert id>`).
 */
export type LineageEdgeType =
  'used' | 'produced' | 'registered_as' | 'deployed_as' | 'monitored_by' | 'raised' | 'alerts_on';

/**
 * A lineage node. `id` is `<type>:<key>`: `dataset:<name>@<digest>`, `preprocessing:<sha256>`,
 * `code:<git commit>` (`-dirty` appended for a dirty tree), `environment:<lockfile sha256>`,
 * `run:<run id>`, `model_version:<name>@<version>`, `deployment:<deployment id>`.
 */
export interface LineageNode {
  id: string;
  type: LineageNodeType;
  label: string;
  /** Type-specific facts: a dataset's URI and digest, a run's params and hardware, … */
  attributes: Record<string, unknown>;
}

/** `from` → `to`: a run `used` a dataset, code or environment; `produced` a preprocessing artifact; is `registered_as` a model version. */
export interface LineageEdge {
  type: LineageEdgeType;
  from: string;
  to: string;
}

/** GET `${NATIVE_API_PREFIX}/lineage?node=<type>:<key>&depth=N`: the node's neighbourhood. */
export interface LineageResponse {
  root: string;
  depth: number;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Set when the neighbourhood had more nodes than one answer carries (`max_nodes`). */
  truncated?: boolean;
}

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

/*
 * Clusters: kubeconfig contexts the daemon watches when the user enables them, their GPU
 * inventory and the failures seen there, under `${NATIVE_API_PREFIX}/clusters`.
 */

/**
 * How current a context's cache is. `syncing`: the first list has not finished; `live`: every
 * watch is connected and heard from within its deadline; `stale`: something stopped (`stale_since`
 * and `reason` say when and why) and the data shown is as of `last_sync_time`; `error`: the cluster
 * refused the daemon (wrong credentials, an untrusted server certificate, unknown context), `reason` says how.
 */
export type ClusterSyncState = 'disabled' | 'syncing' | 'live' | 'stale' | 'error';

export interface ResourceFreshness {
  /** e.g. `pods`, `nodes`, `inferenceservices.serving.kserve.io` */
  resource: string;
  state: ClusterSyncState;
  objects: number;
  last_sync_time?: number;
  stale_since?: number;
  reason?: string;
}

export interface ClusterFreshness {
  state: ClusterSyncState;
  /** The last time every resource was in sync (epoch ms). */
  last_sync_time?: number;
  stale_since?: number;
  reason?: string;
  resources: ResourceFreshness[];
}

/** GET `clusters/contexts`: one context of the user's kubeconfig and the daemon's settings for it. */
export interface ClusterContextSummary {
  name: string;
  cluster: string;
  user: string;
  server?: string;
  namespace?: string;
  /** The kubeconfig's current context. */
  current: boolean;
  enabled: boolean;
  production: boolean;
  freshness: ClusterFreshness;
}

export interface ClusterContextsResponse {
  /** The kubeconfig files read, in order (`$KUBECONFIG`, else `~/.kube/config`). */
  kubeconfig: string[];
  contexts: ClusterContextSummary[];
  /** Why the kubeconfig could not be read, when it could not. */
  kubeconfig_error?: string;
}

/** POST `clusters/contexts/settings`: `{context, enabled?, production?}`; answers the updated summary. */
export interface ClusterContextSettingsRequest {
  context: string;
  enabled?: boolean;
  production?: boolean;
}

/** GET `clusters/state?context=`. */
export interface ClusterStateResponse {
  context: string;
  production: boolean;
  freshness: ClusterFreshness;
}

/** One GPU extended resource on a node: `nvidia.com/gpu`, `nvidia.com/gpu.shared`, `nvidia.com/mig-1g.10gb`, … */
export interface GpuResourceAmount {
  resource: string;
  capacity: number;
  allocatable: number;
  /** Requested by the running, non-terminated pods bound to the node. */
  allocated: number;
  free: number;
}

/** GPU feature discovery labels of a node, as published. */
export interface GpuNodeLabels {
  product?: string;
  /** `nvidia.com/gpu.memory`, MiB. */
  memory_mib?: number;
  mig_strategy?: string;
  sharing_strategy?: string;
  replicas?: number;
}

export interface PodGpuAllocation {
  namespace: string;
  name: string;
  resource: string;
  amount: number;
}

export interface NodeGpuInventory {
  node: string;
  ready: boolean;
  unschedulable: boolean;
  labels: GpuNodeLabels;
  resources: GpuResourceAmount[];
  pods: PodGpuAllocation[];
}

/** GET `clusters/nodes?context=`: nodes that have GPU resources or GPU labels. */
export interface ClusterNodesResponse {
  context: string;
  freshness: ClusterFreshness;
  nodes: NodeGpuInventory[];
}

/** Free units of one GPU resource across the cluster; `profile` is `gpu`, `gpu.shared` or a MIG profile (`1g.10gb`). */
export interface FreeGpuSlices {
  resource: string;
  profile: string;
  allocatable: number;
  allocated: number;
  free: number;
  /** Nodes that offer it. */
  nodes: number;
}

/** GET `clusters/slices?context=`. */
export interface ClusterSlicesResponse {
  context: string;
  freshness: ClusterFreshness;
  slices: FreeGpuSlices[];
}

export type ClusterFailureKind = 'oom_killed' | 'gpu_oom' | 'crash_loop' | 'xid' | 'insufficient_gpu';

/** The workload a pod belongs to, from its owners and well-known labels. */
export interface WorkloadRef {
  kind: string;
  namespace: string;
  name: string;
}

/** Where a registered workspace declares the workload (`line` is 1-based). */
export interface ManifestLocation {
  path: string;
  line: number;
}

export interface FailureEvidence {
  /** The last log lines of the container (secrets redacted, size-capped), fetched when first seen. */
  log_lines?: string[];
  /** The lines are from the previous (restarted) container instance. */
  log_previous?: boolean;
  /** Why no log lines could be fetched. */
  log_error?: string;
  /** The Event or node condition that told of it. */
  event_reason?: string;
  event_message?: string;
  exit_code?: number;
  restart_count?: number;
}

export interface ClusterFailure {
  id: string;
  context: string;
  kind: ClusterFailureKind;
  namespace: string;
  /** Absent for node-level failures (an Xid on a node condition). */
  pod?: string;
  container?: string;
  node?: string;
  workload?: WorkloadRef;
  manifest?: ManifestLocation;
  message: string;
  first_seen: number;
  last_seen: number;
  evidence: FailureEvidence;
}

/** GET `clusters/failures?context=`: newest first. */
export interface ClusterFailuresResponse {
  context: string;
  freshness: ClusterFreshness;
  failures: ClusterFailure[];
}

/** GPU use of one workload, by namespace/name. */
export interface WorkloadGpuSummary {
  workload: WorkloadRef;
  /** Pods counted (running, bound, not terminated). */
  pods: number;
  /** Units requested per GPU resource across its pods. */
  resources: Record<string, number>;
  nodes: string[];
  products: string[];
  /**
   * The peak GPU memory (MiB) observed over the metrics window, from Prometheus (DCGM
   * `DCGM_FI_DEV_FB_USED`); absent until a metrics source for the context fills it.
   */
  peak_gpu_memory_mib?: number;
}

/** GET `clusters/workloads?context=[&namespace=&name=]`. */
export interface ClusterWorkloadsResponse {
  context: string;
  freshness: ClusterFreshness;
  workloads: WorkloadGpuSummary[];
}

/*
 * Metrics: a context's Prometheus (DCGM GPU metrics, serving latency and errors), under
 * `${NATIVE_API_PREFIX}/metrics`.
 */

/** A Prometheus URL, or a Service reached through the context's API server service proxy. */
export type PrometheusSource =
  | { kind: 'url'; url: string }
  | { kind: 'service'; namespace: string; service: string; port: string; scheme?: 'http' | 'https' };

/**
 * PUT and GET `metrics/prometheus`: one context's Prometheus. The serving queries are PromQL
 * templates where `$selector` becomes `serving_selector` and `$window` becomes `rate_window`.
 */
export interface PrometheusSettings {
  context: string;
  source: PrometheusSource;
  timeout_ms: number;
  /** Label matchers of the serving workload's series, e.g. `job="churn-serving"` (may be empty). */
  serving_selector: string;
  rate_window: string;
  p99_latency_query: string;
  error_rate_query: string;
  /** The model version being served; its serving alerts are raised against it. */
  serving_model?: { name: string; version: string };
  updated_time: number;
}

/** PUT `metrics/prometheus`: fields left out keep their stored value, else the default. */
export type PrometheusSettingsRequest = Pick<PrometheusSettings, 'context' | 'source'> &
  Partial<
    Pick<
      PrometheusSettings,
      'timeout_ms' | 'serving_selector' | 'rate_window' | 'p99_latency_query' | 'error_rate_query'
    >
  > & {
    /** `null` forgets the served model version. */
    serving_model?: { name: string; version: string } | null;
  };

export interface PrometheusSettingsListResponse {
  settings: PrometheusSettings[];
}

/**
 * Whether the numbers beside it came from Prometheus just now. When Prometheus cannot be
 * reached, no numbers are given at all (never old ones passed off as current) and
 * `unavailable_since` says since when it has been failing.
 */
export interface MetricsAvailability {
  state: 'available' | 'unavailable';
  /** When the daemon last asked (epoch ms). */
  checked_time: number;
  unavailable_since?: number;
  reason?: string;
}

/** One GPU, or one MIG slice of it, as DCGM reports it; pod fields when a pod holds it. */
export interface GpuSlice {
  hostname: string;
  gpu: string;
  uuid: string;
  model_name: string;
  mig_profile?: string;
  mig_instance?: string;
  namespace?: string;
  pod?: string;
  container?: string;
}

export interface GpuSliceUsage extends GpuSlice {
  /** When Prometheus scraped these values (epoch ms); older than `time` when scrapes lag. */
  sampled_time?: number;
  util_percent?: number;
  fb_used_mib?: number;
  fb_free_mib?: number;
}

/** A pod's GPUs together: framebuffer summed, use averaged over its devices. */
export interface PodGpuUsage {
  namespace: string;
  pod: string;
  devices: number;
  util_percent?: number;
  fb_used_mib: number;
  fb_free_mib: number;
}

/** GET `metrics/gpu-usage?context=`: use now, per GPU or MIG slice and per pod. */
export interface GpuUsageResponse {
  context: string;
  availability: MetricsAvailability;
  /** The instant the values are for (epoch ms); absent when unavailable. */
  time?: number;
  slices: GpuSliceUsage[];
  pods: PodGpuUsage[];
}

export type GpuMetricName = 'util_percent' | 'fb_used_mib' | 'fb_free_mib';

/** GET `metrics/gpu-usage/history?context=&minutes=&step_seconds=`: the GPU board's series. */
export interface GpuUsageHistoryResponse {
  context: string;
  availability: MetricsAvailability;
  start: number;
  end: number;
  step_seconds: number;
  series: { slice: GpuSlice; metric: GpuMetricName; points: [time: number, value: number][] }[];
}

/** A pod's owner: read from the cluster's objects, else guessed from the pod's name. */
export interface GpuWorkload extends WorkloadRef {
  resolved_by: 'cluster' | 'pod-name';
}

export interface WorkloadPeakMemory extends GpuWorkload {
  /** The most framebuffer any one of its GPUs or slices held within the window (MiB). */
  peak_fb_used_mib: number;
  /** The size of that device or slice (used + free), when still known in the window (MiB). */
  device_fb_mib?: number;
  pods: string[];
}

/** GET `metrics/gpu-peak-memory?context=&window=1h`. */
export interface PeakGpuMemoryResponse {
  context: string;
  availability: MetricsAvailability;
  window: string;
  workloads: WorkloadPeakMemory[];
}

/**
 * A serving alert rule's verdict. `firing`: the condition held at every evaluation over `for`;
 * `pending`: it holds now but not yet for that long; `inactive`: it does not hold now;
 * `unknown`: no data (no traffic, or Prometheus unavailable).
 */
export interface ServingAlertVerdict {
  rule: 'serving_p99_latency' | 'serving_error_rate';
  state: 'firing' | 'pending' | 'inactive' | 'unknown';
  threshold: number;
  for_seconds: number;
  value?: number;
  /** Since when the condition has held without a break (epoch ms). */
  active_since?: number;
  summary: string;
}

/** GET `metrics/serving?context=`: p99 latency (seconds) and 5xx share now, and the two alerts. */
export interface ServingHealthResponse {
  context: string;
  availability: MetricsAvailability;
  p99_latency_seconds?: number;
  error_rate?: number;
  alerts: ServingAlertVerdict[];
}

/** How a drift feature is compared: numbers by their distribution, anything else by category counts. */
export type DriftColumnType = 'numerical' | 'categorical';

/**
 * The statistic that decides whether a feature drifted. `ks`, `chisquare` and `z` are tests
 * (drift when the p-value is below the threshold); `wasserstein` (normed by the reference's
 * standard deviation), `jensenshannon` and `psi` are distances (drift at or above it).
 */
export type DriftStatTest = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';

/** Per-column choices; anything left out takes Evidently's default for the column's type and size. */
export interface DriftColumnSpec {
  type?: DriftColumnType;
  stattest?: DriftStatTest;
  threshold?: number;
}

/** A value of a feature or prediction, as samples and baseline columns carry it. */
export type DriftValue = number | string | boolean | null;

/**
 * POST `${NATIVE_API_PREFIX}/drift/baselines`: reference statistics for a model (and version),
 * recorded with a run. Give `columns` (feature name → values, one per reference row) or `file`
 * (an absolute path to a `.csv` with a header row or a `.parquet` file).
 */
export interface CreateDriftBaselineRequest {
  model_name: string;
  model_version?: string;
  run_id?: string;
  columns?: Record<string, DriftValue[]>;
  file?: string;
  /** A CSV or Parquet artifact of a run, found from a dataset it logged or by its path. */
  from_run_dataset?: RunDatasetReference;
  /** The column that holds the model's prediction (compared like a feature, reported apart). */
  prediction_column?: string;
  column_specs?: Record<string, DriftColumnSpec>;
}

/**
 * A run's logged dataset (by name; its source URI or digest must name a CSV or Parquet artifact
 * of the run) or one of the run's artifacts by its path under the run's artifact root.
 */
export interface RunDatasetReference {
  run_id: string;
  dataset_name?: string;
  artifact_path?: string;
}

export interface DriftBaselineFeature {
  name: string;
  type: DriftColumnType;
  /** Non-missing reference values. */
  count: number;
  missing: number;
  is_prediction: boolean;
  /** Numerical: mean, population standard deviation, extremes and how many points are stored. */
  mean?: number;
  std?: number;
  min?: number;
  max?: number;
  stored_points?: number;
  /** Categorical: how many distinct categories. */
  categories?: number;
}

export type DriftBaselineSource = 'api' | 'csv' | 'parquet';

export interface DriftBaseline {
  baseline_id: string;
  model_name: string;
  model_version?: string;
  run_id?: string;
  source: DriftBaselineSource;
  created_time: number;
  row_count: number;
  features: DriftBaselineFeature[];
}

/** POST `${NATIVE_API_PREFIX}/drift/baselines`: the baseline recorded. */
export interface CreateDriftBaselineResponse {
  baseline: DriftBaseline;
}

/** GET `${NATIVE_API_PREFIX}/drift/baselines?model_name=`: newest first (at most 200). */
export interface DriftBaselinesResponse {
  baselines: DriftBaseline[];
}

/**
 * One line of POST `${NATIVE_API_PREFIX}/drift/samples` (a JSON object per line, JSON lines):
 * a request the serving app answered. `timestamp` is epoch milliseconds or an ISO 8601 string.
 */
export interface DriftSampleLine {
  model_name: string;
  model_version: string;
  timestamp: number | string;
  features: Record<string, DriftValue>;
  prediction?: DriftValue;
  prediction_id?: string;
}

/** The answer to a samples push: valid lines are stored even when others are refused. */
export interface PushDriftSamplesResponse {
  accepted: number;
  /** 1-based line numbers and why each was refused. */
  rejected: { line: number; message: string }[];
}

/**
 * What production data is compared with: the baseline recorded for the version (`recorded`),
 * the same window one week or one year earlier, or the `rolling_ms` of production data just
 * before the window.
 */
export type DriftReferenceChoice = 'recorded' | 'last_week' | 'last_year' | 'rolling';

/**
 * POST `${NATIVE_API_PREFIX}/drift/reports`: compare a window of the version's samples, by time
 * (`from`/`to`, epoch ms; default the last 24 hours) or by count (`last`: the newest N samples).
 */
export interface CreateDriftReportRequest {
  model_name: string;
  model_version: string;
  from?: number;
  to?: number;
  last?: number;
  reference?: DriftReferenceChoice;
  rolling_ms?: number;
  /** A specific baseline instead of the version's newest (`reference: recorded`). */
  baseline_id?: string;
  column_specs?: Record<string, DriftColumnSpec>;
}

export type PsiBand = 'stable' | 'investigate' | 'significant';

export interface FeatureDrift {
  feature: string;
  type: DriftColumnType;
  is_prediction: boolean;
  stattest: DriftStatTest;
  /**
   * The chosen statistic: a p-value for `ks`, `chisquare` and `z`, else the distance. NaN when the
   * window has no values of the feature's type (a numerical column arriving as text); JSON
   * carries it as null, so clients read `number | null` here, and in `psi`.
   */
  statistic: number;
  threshold: number;
  drifted: boolean;
  /** PSI on ten reference-quantile bins (numerical) or the categories, and its seed band. */
  psi: number;
  psi_band: PsiBand;
  /** Numerical features: the KS statistic and its p-value (what the KS alert rule reads). */
  ks_statistic?: number;
  ks_p_value?: number;
  reference_count: number;
  current_count: number;
  current_missing: number;
}

export interface DriftReport {
  report_id: string;
  model_name: string;
  model_version: string;
  reference: { kind: DriftReferenceChoice; baseline_id?: string; from?: number; to?: number; count: number };
  window: { from: number; to: number; count: number };
  created_time: number;
  features: FeatureDrift[];
  drifted_features: number;
  /** Share of drifted features; the dataset drifted when it reaches `drift_share_threshold`. */
  drift_share: number;
  drift_share_threshold: number;
  dataset_drift: boolean;
  /** Alerts raised or refreshed by this report. */
  alert_ids: string[];
}

/**
 * POST `${NATIVE_API_PREFIX}/drift/reports` answers the report computed;
 * GET `${NATIVE_API_PREFIX}/drift/reports/get?report_id=` one stored report.
 */
export interface DriftReportResponse {
  report: DriftReport;
}

/** GET `${NATIVE_API_PREFIX}/drift/reports?model_name=&model_version=`: newest first (at most 50). */
export interface DriftReportsResponse {
  reports: DriftReport[];
}

/**
 * One feature's reference and current distributions on the same bins, each side as shares of its
 * non-missing values. Numerical: `edges` (one more than the bins, ascending); categorical:
 * `categories` (the most common of both sides; the last may be `(other)`).
 */
export interface FeatureHistogram {
  feature: string;
  type: DriftColumnType;
  edges?: number[];
  categories?: string[];
  reference: number[];
  current: number[];
}

/** GET `${NATIVE_API_PREFIX}/drift/reports/histograms?report_id=`: the report's features, binned. */
export interface DriftReportHistogramsResponse {
  report_id: string;
  features: FeatureHistogram[];
}

/** The type of a column in a data schema, as its values hold it. */
export type DataColumnType = 'number' | 'string' | 'boolean';

/**
 * One column of the training data's schema, recorded with a baseline: its type, how often it is
 * null, its range (numbers), its categories (strings, while there are at most 1,000) and its
 * text lengths (strings).
 */
export interface DataSchemaColumn {
  name: string;
  type: DataColumnType;
  null_rate: number;
  min?: number;
  max?: number;
  categories?: string[];
  min_length?: number;
  max_length?: number;
}

export interface DataSchema {
  row_count: number;
  columns: DataSchemaColumn[];
}

export type DataCheckKind =
  | 'missing_column'
  | 'extra_column'
  | 'type_change'
  | 'null_spike'
  | 'out_of_range'
  | 'unseen_category'
  | 'text_length';

/**
 * One data-quality check on a window: the offending rows (exact), their share of the rows
 * checked, the threshold that share is judged against (`null_spike`: the allowed rise of the
 * null rate over training's), and up to 5 offending values, each cut to 40 characters.
 */
export interface DataCheckResult {
  check: DataCheckKind;
  column: string;
  verdict: 'pass' | 'fail';
  threshold: number;
  observed: number;
  offending_rows: number;
  rows: number;
  examples: string[];
  detail: string;
}

/** One expectation of a Great Expectations suite, as evaluated on a window. */
export interface ExpectationResult {
  expectation_type: string;
  kwargs: Record<string, unknown>;
  /** `not_evaluated`: an expectation type this product does not implement; never counted as passed. */
  verdict: 'pass' | 'fail' | 'not_evaluated';
  unexpected_count?: number;
  element_count?: number;
  examples?: string[];
  detail: string;
}

export interface ExpectationSuiteResult {
  suite_name: string;
  evaluated: number;
  failed: number;
  not_evaluated: number;
  results: ExpectationResult[];
}

/**
 * POST `${NATIVE_API_PREFIX}/quality/reports`: checks a window of the version's samples (by time,
 * `from`/`to`, default the last 24 hours, or the newest `last`) against the schema recorded with
 * its baseline and the inputs of its registry signature, and against a Great Expectations suite
 * (`expectation_suite`: the suite's JSON object, or `expectation_suite_file`: a path to it).
 */
export interface CreateQualityReportRequest {
  model_name: string;
  model_version: string;
  from?: number;
  to?: number;
  last?: number;
  baseline_id?: string;
  expectation_suite?: unknown;
  expectation_suite_file?: string;
}

export interface QualityReport {
  model_name: string;
  model_version: string;
  created_time: number;
  window: { from: number; to: number; count: number };
  baseline_id?: string;
  /** The columns the registry signature declares as inputs, when the version has one. */
  signature_columns?: string[];
  checks: DataCheckResult[];
  failed_checks: number;
  expectations?: ExpectationSuiteResult;
  alert_ids: string[];
}

export interface QualityReportResponse {
  report: QualityReport;
}

/**
 * One line of POST `${NATIVE_API_PREFIX}/outcomes/labels` (JSON lines): the true outcome of a
 * logged prediction, pushed whenever it is known. `timestamp` (when the outcome was observed)
 * defaults to when the daemon received it. A later label for the same id replaces the earlier.
 */
export interface OutcomeLabelLine {
  prediction_id: string;
  label: number | boolean;
  timestamp?: number | string;
}

export interface PushOutcomeLabelsResponse {
  accepted: number;
  rejected: { line: number; message: string }[];
}

/** One reliability-curve bin: predictions whose probability falls in (lower, upper] (the first bin holds 0 too). */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  mean_predicted: number;
  fraction_positive: number;
}

/**
 * The outcome layer of a set of predictions. Classification (labels 0/1, predictions the
 * positive class's probability): accuracy at 0.5, Brier score and the reliability curve in 10
 * uniform bins (empty bins left out). Regression: mean absolute and root mean squared error.
 */
export interface OutcomeMetrics {
  predictions: number;
  labelled: number;
  unlabelled_share: number;
  accuracy?: number;
  brier?: number;
  reliability?: ReliabilityBin[];
  mae?: number;
  rmse?: number;
  /** The newest labelled prediction's time, and how long before the report it was made. */
  evidence_until?: number;
  evidence_age_ms?: number;
}

export interface OutcomeSlice extends OutcomeMetrics {
  /** `feature=value`, or `feature in [lower, upper)` for a numerical bucket. */
  slice: string;
}

/**
 * POST `${NATIVE_API_PREFIX}/outcomes/reports`: joins the version's predictions in the window to
 * the labels that have arrived, whatever the delay. `slice_by` names features to slice on
 * (numerical ones in 4 quantile buckets of the window). `task` defaults to classification when
 * every label is 0 or 1.
 */
export interface CreateOutcomeReportRequest {
  model_name: string;
  model_version: string;
  from?: number;
  to?: number;
  slice_by?: string[];
  task?: 'classification' | 'regression';
}

export interface OutcomeReport extends OutcomeMetrics {
  model_name: string;
  model_version: string;
  task: 'classification' | 'regression';
  created_time: number;
  window: { from: number; to: number };
  /** "concept drift evidence covers predictions up to 9 days ago" */
  evidence: string;
  /** The Brier score compared with: the training run's `brier` metric, else the first labelled window. */
  baseline_brier?: number;
  baseline_source?: 'training_run' | 'first_labelled_window';
  brier_degradation?: number;
  slices: OutcomeSlice[];
  alert_ids: string[];
}

export interface OutcomeReportResponse {
  report: OutcomeReport;
}

/** The alert rules of the product; each raises at most one open alert per model version and feature. */
export type AlertRuleId =
  | 'drift/feature-psi'
  | 'drift/ks-p-value'
  | 'serving/p99-latency'
  | 'serving/error-rate'
  | 'quality/brier-degradation'
  | 'quality/data-check';

export interface AlertRule {
  id: AlertRuleId;
  title: string;
  /** The observed value breaks the rule when it is `above` or `below` the threshold … */
  direction: 'above' | 'below';
  threshold: number;
  unit: string;
  /** … continuously for this long (0: at once). */
  for_ms: number;
}

export type AlertStatus = 'pending' | 'open' | 'resolved';

export interface Alert {
  alert_id: string;
  rule: AlertRuleId;
  model_name: string;
  model_version: string;
  /** The feature for drift rules; absent for model-wide rules. */
  feature?: string;
  status: AlertStatus;
  value: number;
  threshold: number;
  message: string;
  /** When the condition was first seen, last seen, and when the alert opened and resolved. */
  first_seen: number;
  last_seen: number;
  opened_time?: number;
  resolved_time?: number;
  /** Notifications stay quiet until then; the alert itself stays open. */
  silenced_until?: number;
  occurrences: number;
  /** The model version's lineage node (`model_version:<name>@<version>`). */
  lineage_node: string;
  report_id?: string;
}

/** GET `${NATIVE_API_PREFIX}/alerts?status=&model_name=&model_version=`: most recently seen first. */
export interface AlertsResponse {
  alerts: Alert[];
}

export type AlertHistoryEvent = 'pending' | 'opened' | 'repeated' | 'silenced' | 'resolved';

export interface AlertHistoryEntry {
  alert_id: string;
  time: number;
  event: AlertHistoryEvent;
  value?: number;
  detail?: string;
}

/** GET `${NATIVE_API_PREFIX}/alerts/history?alert_id=`: oldest first. */
export interface AlertHistoryResponse {
  alert: Alert;
  history: AlertHistoryEntry[];
}

/** POST `${NATIVE_API_PREFIX}/alerts/silence`: quiet an alert until `until` (epoch ms); answers `{alert}`. */
export interface SilenceAlertRequest {
  alert_id: string;
  until: number;
}

/** POST `${NATIVE_API_PREFIX}/alerts/resolve`: close an alert by hand; answers `{alert}`. */
export interface ResolveAlertRequest {
  alert_id: string;
}

export interface AlertResponse {
  alert: Alert;
}

/** GET `${NATIVE_API_PREFIX}/alerts/rules`: the rules alerts are raised by. */
export interface AlertRulesResponse {
  rules: AlertRule[];
}

/** How a deployment moves traffic to the new version. */
export type DeploymentStrategy = 'direct' | 'canary' | 'shadow' | 'blue-green';

/** What serves the model: a KServe InferenceService, or a Deployment and a Service per version. */
export type DeploymentRuntime = 'kserve' | 'deployment';

/**
 * How traffic is split: KServe's `canaryTrafficPercent`, Gateway API HTTPRoute weights (and its
 * RequestMirror filter for shadow), or the ratio of replicas behind one Service (coarse).
 */
export type TrafficMethod = 'kserve-canary' | 'gateway-weights' | 'replica-ratio';

/** The GPU a deployment requests, with why. */
export interface GpuSizing {
  /** e.g. `nvidia.com/mig-1g.10gb`, `nvidia.com/gpu.shared`, `nvidia.com/gpu`. */
  resource: string;
  /** The memory the chosen slice gives (MiB). */
  slice_memory_mib: number;
  /** The memory the model is taken to need (MiB), headroom included. */
  required_memory_mib: number;
  /** `observed`: an earlier version's peak from Prometheus; `estimate`: from the artifact's size and framework. */
  basis: 'observed' | 'estimate';
  reasoning: string[];
}

/** A rollback trigger: the deployment rolls back when its guardrail value breaks the threshold. */
export interface RollbackTrigger {
  id: 'error-rate' | 'p99-latency' | 'drift-psi' | 'shadow-disagreement' | 'business-metric';
  direction: 'above' | 'below';
  /**
   * `business-metric`: the lowest relative change of the new version's business metric against
   * the previous version's, counted so that negative is worse (-0.02: roll back on a 2% loss).
   */
  threshold: number;
  unit: string;
  /** The business metric a `business-metric` trigger reads. */
  metric?: string;
}

/** One gate of a plan; a failed gate stops `apply`. */
export interface DeploymentGate {
  id: 'registry-metadata' | 'evaluation-metric' | 'production-confirmation' | 'code-diagnostics';
  status: 'passed' | 'failed' | 'not-checked';
  message: string;
}

/** A Kubernetes object as the deploy engine renders and applies it. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** The lifecycle of a deployment. */
export type DeploymentState =
  'planned' | 'progressing' | 'promoted' | 'rolled_back' | 'failed' | 'interrupted';

/** POST `${NATIVE_API_PREFIX}/deployments/plan` and `/deployments` (apply) body. */
export interface DeploymentRequest {
  model_name: string;
  /** A version number or `@alias`. */
  model_version: string;
  context: string;
  namespace: string;
  /** The Service / InferenceService name; default the model name. */
  service_name?: string;
  strategy: DeploymentStrategy;
  /** The serving image; a tag-only image needs its digest in the version tag `mlops_lens.serving.image`. */
  image?: string;
  replicas?: number;
  /** The Gateway API Gateway an HTTPRoute attaches to (traffic by weights); default `mlops-lens`. */
  gateway?: string;
  /** Overrides of the default triggers (by id). */
  triggers?: Partial<Record<RollbackTrigger['id'], number>>;
  /** How long each canary step's guardrails must hold (ms); default 5 minutes. */
  dwell_ms?: number;
  /** The context's name typed again; required for production contexts. */
  confirm?: string;
  /** Take over fields another field manager owns. */
  force?: boolean;
  /** Evaluation metric to compare with the version in production (e.g. `accuracy`). */
  evaluation_metric?: string;
  /**
   * A defined business metric (`business-metrics/<name>`) to judge beside error rate and latency:
   * the new version is rolled back when it is worse than the previous version's by more than
   * `triggers['business-metric']` (a relative loss, default 0.02).
   */
  business_metric?: string;
  /**
   * `deployment` serves by a Deployment and a Service even where the cluster serves KServe;
   * `kserve` needs the InferenceService CRD. Default: KServe where it is served.
   */
  runtime?: DeploymentRuntime;
}

/** The answer of `deployments/plan`. */
export interface DeploymentPlan {
  request: DeploymentRequest;
  model_version: string;
  previous_version?: string;
  runtime: DeploymentRuntime;
  /** The runtimes the cluster offers (`kserve` only where it serves the CRD). */
  runtimes: DeploymentRuntime[];
  traffic: TrafficMethod;
  /** Set when the split is coarse (replica ratio). */
  traffic_note?: string;
  steps: number[];
  sizing: GpuSizing;
  triggers: RollbackTrigger[];
  gates: DeploymentGate[];
  objects: RenderedObject[];
}

/** One line of a deployment's progress. */
export interface DeploymentEvent {
  time: number;
  state: DeploymentState;
  traffic_percent: number;
  message: string;
}

/** GET `deployments/<id>`. */
export interface DeploymentRecord {
  id: string;
  model_name: string;
  model_version: string;
  previous_version?: string;
  context: string;
  namespace: string;
  service_name: string;
  strategy: DeploymentStrategy;
  runtime: DeploymentRuntime;
  state: DeploymentState;
  traffic_percent: number;
  reason?: string;
  /** The traffic steps of its plan, in percent. */
  steps: number[];
  /** How traffic is split, and why it is coarse when it is. */
  traffic: TrafficMethod;
  traffic_note?: string;
  /** The rollback triggers it was applied with. */
  triggers: RollbackTrigger[];
  created_time: number;
  updated_time: number;
  events: DeploymentEvent[];
  /** The guardrail values its runner read last (while this daemon runs it), with what each came from. */
  readings?: DeploymentReadings;
}

/** Guardrail values of a deployment's new version, by trigger id, as its runner read them. */
export interface DeploymentReadings {
  time: number;
  values: Partial<Record<RollbackTrigger['id'], number>>;
  evidence: Partial<Record<RollbackTrigger['id'], string>>;
}

/**
 * GET `deployments/live?context=&namespace=&service=`: the objects the cluster holds now for a
 * service (those labelled `mlops-lens.dev/service=<service>`), without their managed fields.
 */
export interface LiveDeploymentObjectsResponse {
  objects: RenderedObject[];
}

/** GET `deployments?name=`: newest first. */
export interface DeploymentsResponse {
  deployments: DeploymentRecord[];
}
