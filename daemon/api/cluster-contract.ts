/**
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
