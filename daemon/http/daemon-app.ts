/**
 * Builds the daemon's HTTP application around a store: request guard, JSON bodies, the
 * MLflow routes and MLflow-shaped errors. It does not listen; the caller (the daemon process,
 * or a test) does, so tests get the exact app the daemon serves.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { AlertCenter } from '../alerts/alert-center.ts';
import type { ProvenanceGateMode } from '../api/contract.ts';
import { ClusterManager, type ClusterManagerOptions } from '../clusters/cluster-manager.ts';
import { kubeconfigFiles } from '../clusters/kubeconfig-contexts.ts';
import type { Logger } from '../log/logger.ts';
import { ClusterMetrics, type ClusterMetricsOptions } from '../metrics/cluster-metrics.ts';
import { kubeconfigApiServers } from '../metrics/kubeconfig-api-servers.ts';
import { MetricsPoller } from '../metrics/metrics-poller.ts';
import { DriftService } from '../drift/drift-service.ts';
import { DriftWorkerPool } from '../drift/worker-pool/drift-worker-pool.ts';
import type { ArtifactBlobs } from '../store/artifact-blobs.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { endpointNotFound, errorReply } from './error-replies.ts';
import { parseJsonBody } from './json-body.ts';
import { registerArtifactRoutes } from './mlflow/artifact-routes.ts';
import { experimentRoutes } from './mlflow/experiment-routes.ts';
import { registerMlflowRoutes } from './mlflow/mlflow-route.ts';
import { registryRoutes } from './mlflow/registry-routes.ts';
import { runRoutes } from './mlflow/run-routes.ts';
import { ChangeFeed } from './events/change-feed.ts';
import { mlflowChangePublisher } from './events/mlflow-change-events.ts';
import { registerBrowseRoutes } from './native/browse-routes.ts';
import { registerClusterRoutes } from './native/cluster-routes.ts';
import { registerEventStreamRoutes } from './native/event-stream-routes.ts';
import { registerGpuMetricsRoutes } from './native/gpu-metrics-routes.ts';
import { registerLineageRoutes } from './native/lineage-routes.ts';
import { registerModelMetadataRoutes } from './native/model-metadata-routes.ts';
import { registerPrometheusSettingsRoutes } from './native/prometheus-settings-routes.ts';
import { registerRegistryHistoryRoutes } from './native/registry-history-routes.ts';
import { registerServingMetricsRoutes } from './native/serving-metrics-routes.ts';
import { registerWorkspaceRoutes, type WorkspacesRegistered } from './native/workspace-routes.ts';
import { registerAlertRoutes } from './native/alert-routes.ts';
import { registerDriftRoutes } from './native/drift-routes.ts';
import { registerOutcomeRoutes } from './native/outcome-routes.ts';
import { registerQualityRoutes } from './native/quality-routes.ts';
import { OutcomeService } from '../outcomes/outcome-service.ts';
import { QualityService } from '../quality/quality-service.ts';
import { createRequestGuard } from './request-guard.ts';
import { DeploymentService, type DeploymentServiceOptions } from '../deploy/deployment-service.ts';
import { servingGuardrails } from '../deploy/serving-guardrails.ts';
import { registerDeploymentRoutes } from './native/deployment-routes.ts';
import { AttributionService } from '../attribution/attribution-service.ts';
import { CostService } from '../cost/cost-service.ts';
import { podGpusOf } from '../cost/pod-gpus.ts';
import { RetrainingService } from '../retraining/retraining-service.ts';
import { registerCostRoutes } from './native/cost-routes.ts';
import { registerRetrainingRoutes } from './native/retraining-routes.ts';
import { AbTestService } from '../ab-tests/ab-test-service.ts';
import { registerAbTestRoutes } from './native/ab-test-routes.ts';
import { BusinessMetricService } from '../business-metrics/business-metric-service.ts';
import { businessMetricGuardrails } from '../deploy/business-metric-guardrails.ts';
import { combinedGuardrails } from '../deploy/guardrails.ts';
import { driftGuardrails, type DriftGuardrailOptions } from '../deploy/drift-guardrails.ts';
import { shadowGuardrails, type ShadowGuardrailOptions } from '../deploy/shadow-guardrails.ts';
import { analyzerProcess } from '../deploy/analyzer-process.ts';
import { registerBusinessMetricRoutes } from './native/business-metric-routes.ts';
import { registerScorecardRoutes } from './native/scorecard-routes.ts';
import { ScorecardService } from '../scorecard/scorecard-service.ts';
import { RetirementService } from '../scorecard/retirement-service.ts';

export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;
export const DEFAULT_MAX_ARTIFACT_BYTES = 8 * 1024 * 1024 * 1024;

export interface DaemonAppOptions {
  readonly store: TrackingStore;
  readonly blobs: ArtifactBlobs;
  readonly token: string;
  readonly logger: Logger;
  /** Host names accepted besides loopback, when the daemon was told to listen elsewhere. */
  readonly extraHostnames?: readonly string[];
  /** Largest JSON body, in bytes (MLflow documents 1 MB for log-batch; clients stay under). */
  readonly bodyLimit?: number;
  readonly maxArtifactBytes?: number;
  /** What happens to model versions registered without provenance (default `warn`). */
  readonly provenanceGate?: ProvenanceGateMode;
  /** The GPU price table (`gpu-prices.json` in the data directory); absent or missing, the defaults. */
  readonly gpuPricesFile?: string;
  /** The change feed behind `/events` (tests pass one with short windows). */
  readonly changeFeed?: ChangeFeed;
  readonly eventHeartbeatMs?: number;
  /** The worker threads that compare large drift reports (default: one per available core). */
  readonly driftPool?: DriftWorkerPool;
  /** Told about newly registered workspace folders (the daemon's importers watch them). */
  readonly onWorkspacesRegistered?: WorkspacesRegistered;
  /**
   * How the cluster watchers read the kubeconfig and how quickly they give up on a silent watch
   * (tests shorten the deadlines). The watchers start when the app is ready and stop when it closes.
   */
  readonly clusters?: Partial<Omit<ClusterManagerOptions, 'store' | 'publish' | 'logger'>>;
  /** How Prometheus is reached and read per cluster context (API servers, pod owners, rules). */
  /** The deploy engine's guardrail source and timings (tests shorten them). */
  readonly deployments?: Partial<
    Pick<DeploymentServiceOptions, 'guardrails' | 'checkCode' | 'dwellMs' | 'pollMs' | 'rolloutTimeoutMs'>
  > & { readonly drift?: DriftGuardrailOptions; readonly shadow?: ShadowGuardrailOptions };
  readonly metrics?: Omit<ClusterMetricsOptions, 'store'> & {
    /** How often every context's Prometheus is polled for serving alerts and peak memory. */
    readonly pollIntervalMs?: number;
    readonly peakWindow?: string;
  };
}

export async function createDaemonApp(options: DaemonAppOptions): Promise<FastifyInstance> {
  const { logger } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    return503OnClosing: true,
    // Router-level failures (a URL that is not valid percent-encoding) get the same shape.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as FastifyReply)
        .code(400)
        .send({ error_code: 'BAD_REQUEST', message: error.message });
    },
  });
  const guard = createRequestGuard({ token: options.token, extraHostnames: options.extraHostnames });

  app.removeAllContentTypeParsers();
  // MLflow's server reads any body as JSON whatever its content type; so does the daemon.
  app.addContentTypeParser(['application/json', '*'], { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const verdict = guard(request.headers, request.socket.localPort);
    if (!verdict.ok) {
      logger.warn('request refused', {
        method: request.method,
        url: request.url,
        status: verdict.status,
        reason: verdict.message,
      });
      return reply.code(verdict.status).send({ error_code: verdict.errorCode, message: verdict.message });
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    logger.info('request', {
      method: request.method,
      url: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    });
  });

  app.setErrorHandler(async (error, request, reply) => {
    const { status, body, unexpected } = errorReply(error);
    if (unexpected)
      logger.error('request failed', { method: request.method, url: request.url.split('?')[0], error });
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send(endpointNotFound(request.method, request.url)),
  );

  const feed = options.changeFeed ?? new ChangeFeed();
  registerMlflowRoutes(
    app,
    [
      ...experimentRoutes(options.store),
      ...runRoutes(options.store),
      ...registryRoutes(options.store.registry, options.provenanceGate ?? 'warn'),
    ],
    mlflowChangePublisher(feed, options.store.registry),
  );
  registerRegistryHistoryRoutes(app, options.store.registry, feed);
  const alerts = new AlertCenter(options.store, feed);
  const driftPool = options.driftPool ?? new DriftWorkerPool();
  app.addHook('onClose', async () => driftPool.close());
  const drift = new DriftService(options.store, alerts, feed, Date.now, driftPool, (sha256) =>
    options.blobs.read(sha256),
  );
  registerDriftRoutes(app, drift);
  const quality = new QualityService(options.store, alerts);
  registerQualityRoutes(app, quality);
  const outcomes = new OutcomeService(options.store, alerts);
  registerOutcomeRoutes(app, outcomes);
  registerAlertRoutes(app, options.store, alerts);
  registerEventStreamRoutes(app, { feed, heartbeatMs: options.eventHeartbeatMs });
  registerModelMetadataRoutes(app, options.store.registry);
  registerLineageRoutes(app, options.store);
  registerBrowseRoutes(app, options.store);
  registerWorkspaceRoutes(app, options.store, options.onWorkspacesRegistered);
  registerAbTestRoutes(app, new AbTestService(options.store));
  registerScorecardRoutes(
    app,
    new ScorecardService(options.store),
    new RetirementService(options.store),
    feed,
  );
  const clusters = new ClusterManager({
    secrets: [options.token],
    ...options.clusters,
    store: options.store,
    publish: (change) => feed.publish(change),
    logger,
  });
  registerClusterRoutes(app, clusters, options.store);
  app.addHook('onReady', (done) => {
    clusters.start();
    done();
  });
  app.addHook('onClose', async () => clusters.close());
  const metrics = new ClusterMetrics({
    apiServers: kubeconfigApiServers(options.clusters?.kubeconfigFiles ?? (() => kubeconfigFiles())),
    podWorkloads: (context, namespace, pod) => clusters.podWorkload(context, namespace, pod),
    ...options.metrics,
    store: options.store,
  });
  registerPrometheusSettingsRoutes(app, options.store, metrics);
  registerGpuMetricsRoutes(app, metrics);
  registerServingMetricsRoutes(app, metrics);
  const cost = new CostService({
    store: options.store,
    pricesFile: options.gpuPricesFile,
    podGpus: (context, namespace, pod) => {
      const nodes = clusters.watcher(context)?.nodes();
      return nodes === undefined ? undefined : podGpusOf(nodes, namespace, pod);
    },
    gpuHistory: (context, minutes, step) => metrics.gpuHistory(context, minutes, step),
    nodes: (context) => clusters.watcher(context)?.nodes(),
    podWorkload: (context, namespace, pod) => clusters.podWorkload(context, namespace, pod),
    instantSum: (context, query) => metrics.instantSum(context, query),
  });
  registerCostRoutes(app, cost);
  const attribution = new AttributionService({ store: options.store, drift, quality, outcomes });
  registerRetrainingRoutes(app, attribution, new RetrainingService({ drift, attribution, cost }));
  const metricsPoller = new MetricsPoller({
    metrics,
    store: options.store,
    logger,
    alerts,
    intervalMs: options.metrics?.pollIntervalMs,
    peakWindow: options.metrics?.peakWindow,
  });
  clusters.peakGpuMemory = metricsPoller.peakGpuMemory;
  const businessMetrics = new BusinessMetricService(options.store, async (context, query) => {
    const client = await metrics.client(metrics.settings(context));
    return (await client.instant(query))[0]?.value;
  });
  registerBusinessMetricRoutes(app, businessMetrics);
  const deployments = new DeploymentService({
    store: options.store,
    feed,
    logger,
    kubeconfigFiles: options.clusters?.kubeconfigFiles ?? (() => kubeconfigFiles()),
    isProduction: (context) => clusters.isProduction(context),
    nodes: (context) => clusters.watcher(context)?.nodes(),
    peakMemory: async (context, namespace, workload) => {
      const peaks = await metrics.peakMemory(context, '7d').catch(() => undefined);
      return peaks?.workloads.find((w) => w.namespace === namespace && w.name === workload)?.peak_fb_used_mib;
    },
    checkCode: analyzerProcess(),
    ...options.deployments,
    // Business metric, drift and the shadow's disagreement are read beside whatever judges error rate and latency.
    guardrails: combinedGuardrails([
      options.deployments?.guardrails ?? servingGuardrails(metrics),
      businessMetricGuardrails(businessMetrics),
      driftGuardrails(drift, options.deployments?.drift),
      shadowGuardrails(options.store, options.deployments?.shadow),
    ]),
  });
  deployments.markInterrupted();
  registerDeploymentRoutes(app, deployments);
  app.addHook('onClose', async () => deployments.close());
  app.addHook('onReady', (done) => {
    metricsPoller.start();
    done();
  });
  app.addHook('onClose', async () => metricsPoller.close());
  await registerArtifactRoutes(app, {
    store: options.store,
    blobs: options.blobs,
    maxArtifactBytes: options.maxArtifactBytes ?? DEFAULT_MAX_ARTIFACT_BYTES,
  });
  return app;
}
