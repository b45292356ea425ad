/**
 * Builds a deployment's plan: the version and the one serving now, the runtime and traffic
 * method the cluster offers, GPU sizing, rollback triggers, gates, and the first step's objects.
 */
import type {
  DeploymentGate,
  DeploymentPlan,
  DeploymentRequest,
  ModelVersion,
  NodeGpuInventory,
  TrafficMethod,
} from '../api/contract.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { invalidParameter } from '../store/tracking-error.ts';
import { checkModelCode, type CodeChecker } from './code-diagnostics-gate.ts';
import { CODE_DIAGNOSTICS_GATE, confirmationGate, evaluationGate, metadataGate } from './deployment-gates.ts';
import { LABEL_VERSION, versionObjectName } from './deployment-labels.ts';
import { defaultTriggers } from './guardrails.ts';
import { gpuCandidates, sizeGpu, SizingError } from './gpu-sizing.ts';
import { pinnedImage, ImageReferenceError } from './image-reference.ts';
import type { KubeApplier } from './kube-applier.ts';
import type { RenderInput } from './render-input.ts';
import { renderStep, RenderError } from './render-manifests.ts';

/** The version tag that records the serving image by digest. */
export const SERVING_IMAGE_TAG = 'mlops_lens.serving.image';

export const STRATEGY_STEPS = {
  direct: [100],
  canary: [5, 25, 50, 100],
  shadow: [0],
  'blue-green': [0, 100],
} as const;

export interface PlannerDeps {
  store: TrackingStore;
  applier: KubeApplier;
  production: boolean;
  /** The context's GPU nodes from the cluster cache; undefined when the context is not watched. */
  nodes: NodeGpuInventory[] | undefined;
  /** The peak GPU memory (MiB) of a workload, from Prometheus; undefined when unknown. */
  peakMemory(namespace: string, workload: string): Promise<number | undefined>;
  /** Runs the analyzer on the model's training and serving code; without it that gate is not checked. */
  checkCode?: CodeChecker;
}

export interface PlannedDeployment {
  plan: DeploymentPlan;
  base: Omit<RenderInput, 'percent' | 'deploymentId'>;
}

function tag(version: ModelVersion, key: string): string | undefined {
  return version.tags.find((t) => t.key === key)?.value;
}

function resolveVersion(store: TrackingStore, request: DeploymentRequest): ModelVersion {
  const registry = store.registry;
  return request.model_version.startsWith('@')
    ? registry.versionByAlias(request.model_name, request.model_version.slice(1))
    : registry.getVersion(request.model_name, request.model_version);
}

function metricOf(store: TrackingStore, version: ModelVersion, metric: string): number | undefined {
  if (!version.run_id) return undefined;
  const value = store.getRun(version.run_id).data.metrics.find((m) => m.key === metric)?.value;
  return typeof value === 'number' ? value : undefined;
}

function productionVersion(store: TrackingStore, name: string): ModelVersion | undefined {
  try {
    return store.registry.versionByAlias(name, 'production');
  } catch {
    return store.registry.latestVersions(name, ['Production'])[0];
  }
}

/** The path under the artifact root of `mlflow-artifacts:/…` sources. */
function artifactPath(source: string): string | undefined {
  const match = /^mlflow-artifacts:\/+(.*)$/.exec(source);
  return match?.[1]?.replace(/\/+$/, '');
}

function served(version: ModelVersion, image: string): RenderInput['next'] {
  return { version: version.version, image, storageUri: version.source };
}

function fail(error: unknown): never {
  if (error instanceof SizingError)
    throw invalidParameter(`${error.message}\n  ${error.reasoning.join('\n  ')}`);
  if (error instanceof ImageReferenceError || error instanceof RenderError)
    throw invalidParameter(error.message);
  throw error;
}

export async function planDeployment(
  request: DeploymentRequest,
  deps: PlannerDeps,
): Promise<PlannedDeployment> {
  const { store, applier } = deps;
  const version = resolveVersion(store, request);
  const service = request.service_name ?? request.model_name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const replicas = request.replicas ?? 2;
  let image: string;
  try {
    image = pinnedImage(request.image, tag(version, SERVING_IMAGE_TAG));
  } catch (error) {
    fail(error);
  }
  const live = await applier.listManaged(request.namespace, service);
  const liveVersions = live
    .filter((o) => o.kind === 'InferenceService' || o.kind === 'Deployment')
    .map((o) => o.metadata?.labels?.[LABEL_VERSION])
    .filter((v): v is string => v !== undefined && v !== version.version);
  const previousNumber = liveVersions.sort((a, b) => Number(b) - Number(a))[0];
  const previous =
    previousNumber !== undefined ? store.registry.getVersion(request.model_name, previousNumber) : undefined;

  const kserve = await applier.serves('serving.kserve.io/v1beta1', 'InferenceService');
  const gateway = await applier.serves('gateway.networking.k8s.io/v1', 'HTTPRoute');
  if (request.runtime === 'kserve' && !kserve)
    throw invalidParameter(
      "runtime 'kserve' needs the InferenceService CRD (serving.kserve.io/v1beta1), which this cluster does not serve; use 'deployment'",
    );
  if (request.runtime === 'kserve' && request.strategy === 'shadow')
    throw invalidParameter(
      "a shadow runs as Deployments behind a Gateway API HTTPRoute, not as a KServe InferenceService; use runtime 'deployment'",
    );
  // Traffic moves between the versions, and a rollback restores the previous one, in one runtime:
  // a Deployment cannot take a share of an InferenceService's traffic, and a rollback rendered in
  // another runtime would swap the kind of what served before. Unless asked, the new version
  // takes the runtime of the one serving now.
  const previousKind = live.find(
    (o) =>
      (o.kind === 'InferenceService' || o.kind === 'Deployment') &&
      o.metadata?.labels?.[LABEL_VERSION] === previousNumber,
  )?.kind;
  const previousRuntime =
    previousKind === undefined ? undefined : previousKind === 'InferenceService' ? 'kserve' : 'deployment';
  const asked = request.runtime ?? (request.strategy === 'shadow' ? 'deployment' : previousRuntime);
  if (previousRuntime !== undefined && asked !== undefined && asked !== previousRuntime)
    throw invalidParameter(
      `version ${previousNumber} serves as ${previousKind === 'InferenceService' ? 'an InferenceService' : 'a Deployment'} (runtime '${previousRuntime}'): a new version takes its traffic, and rolls back to it, in the same runtime; use runtime '${previousRuntime}'` +
        (request.strategy === 'shadow'
          ? ', or redeploy it as Deployments first (a shadow runs as Deployments)'
          : ''),
    );
  const useKserve = kserve && request.strategy !== 'shadow' && asked !== 'deployment';
  const traffic: TrafficMethod = useKserve ? 'kserve-canary' : gateway ? 'gateway-weights' : 'replica-ratio';
  const runtime = traffic === 'kserve-canary' ? 'kserve' : 'deployment';

  const metadata = store.registry.versionMetadata(request.model_name, version.version);
  let sizing;
  try {
    if (deps.nodes === undefined)
      throw new SizingError(
        `context ${request.context} is not watched: enable it so that its free GPU slices are known`,
        [],
      );
    const observed = previous
      ? await deps.peakMemory(
          request.namespace,
          runtime === 'kserve' ? service : versionObjectName(service, previous.version),
        )
      : undefined;
    const path = artifactPath(version.source);
    const artifactBytes = path !== undefined ? store.read(() => store.artifacts.sizeUnder(path)) : undefined;
    sizing = sizeGpu(
      {
        ...(observed !== undefined ? { observedPeakMib: observed, observedVersion: previous?.version } : {}),
        ...(artifactBytes ? { artifactBytes } : {}),
        ...(metadata.metadata.framework ? { framework: metadata.metadata.framework.name } : {}),
      },
      gpuCandidates(deps.nodes),
    );
  } catch (error) {
    fail(error);
  }

  if (
    request.business_metric !== undefined &&
    !store.read(() => store.businessMetrics.get(request.business_metric ?? ''))
  )
    throw invalidParameter(
      `Business metric '${request.business_metric}' is not defined: PUT business-metrics/${request.business_metric} first.`,
    );
  const inProduction = productionVersion(store, request.model_name);
  const compared = inProduction && inProduction.version !== version.version ? inProduction : undefined;
  const gates: DeploymentGate[] = [
    metadataGate(metadata),
    evaluationGate(
      request.evaluation_metric,
      request.evaluation_metric ? metricOf(store, version, request.evaluation_metric) : undefined,
      compared && request.evaluation_metric
        ? { version: compared.version, value: metricOf(store, compared, request.evaluation_metric) }
        : undefined,
    ),
    confirmationGate(deps.production, request.context, request.confirm),
    deps.checkCode ? await checkModelCode(store, version, deps.checkCode) : CODE_DIAGNOSTICS_GATE,
  ];

  const previousImage = previous ? tag(previous, SERVING_IMAGE_TAG) : undefined;
  if (previous && previousImage === undefined)
    throw invalidParameter(
      `version ${previous.version} serves now but has no ${SERVING_IMAGE_TAG} tag: it could not be restored on rollback`,
    );
  const base: PlannedDeployment['base'] = {
    service,
    namespace: request.namespace,
    model: request.model_name,
    ...(metadata.metadata.framework ? { framework: metadata.metadata.framework.name } : {}),
    runtime,
    traffic,
    strategy: request.strategy,
    gpuResource: sizing.resource,
    replicas,
    next: served(version, image),
    ...(previous && previousImage ? { previous: served(previous, previousImage) } : {}),
    gateway: request.gateway ?? 'mlops-lens',
  };
  const steps: number[] = previous ? [...STRATEGY_STEPS[request.strategy]] : [100];
  let objects;
  try {
    objects = renderStep({ ...base, deploymentId: 'planned', percent: steps[0] ?? 100 });
  } catch (error) {
    fail(error);
  }
  const plan: DeploymentPlan = {
    request,
    model_version: version.version,
    ...(previous ? { previous_version: previous.version } : {}),
    runtime,
    runtimes: kserve ? ['kserve', 'deployment'] : ['deployment'],
    traffic,
    ...(traffic === 'replica-ratio'
      ? {
          traffic_note: `coarse: no KServe or Gateway API in the cluster, so traffic follows the ratio of ${replicas} replicas (5% may serve far more)`,
        }
      : {}),
    steps,
    sizing,
    triggers: defaultTriggers(request.triggers, request.business_metric),
    gates,
    objects,
  };
  return { plan, base };
}
