/**
 * Deployments: plans, GPU sizing, strategies, triggers and gates, and their progress.
 */

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
