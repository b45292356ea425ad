/**
 * `clusters/…`: the kubeconfig contexts and the daemon's settings for them (GET
 * `clusters/contexts`, POST `clusters/contexts/settings` `{context, enabled?, production?}`), and
 * per watched context (`?context=`): `state` (freshness), `nodes` (GPU inventory), `slices` (free
 * units per profile), `failures` (with evidence, from the store; `?limit=`), `workloads` (GPU
 * units by namespace/name; `?namespace=&name=` narrow it), `pod-workload` (`&namespace=&pod=`: the
 * pod's workload, its replicas and the manifest declaring it); POST `clusters/workloads/scale`
 * `{context, kind, namespace, name, replicas}` sets a Deployment's or StatefulSet's replicas.
 */
import type { FastifyInstance } from 'fastify';
import {
  NATIVE_API_PREFIX,
  type ClusterContextSummary,
  type ClusterContextsResponse,
  type ClusterFailuresResponse,
  type ClusterNodesResponse,
  type ClusterSlicesResponse,
  type ClusterStateResponse,
  type ClusterWorkloadsResponse,
} from '../../api/contract.ts';
import type { PodWorkloadResponse, ScaleWorkloadResponse } from '../../api/workload-scale-contract.ts';
import type { ClusterManager } from '../../clusters/cluster-manager.ts';
import { SCALABLE_KINDS } from '../../clusters/workload-scaler.ts';
import type { ContextWatcher } from '../../clusters/context-watcher.ts';
import { invalidParameter, notFound } from '../../store/tracking-error.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

const ROUTE = `${NATIVE_API_PREFIX}/clusters`;
const DEFAULT_FAILURES = 100;
const MAX_FAILURES = 1000;

export function registerClusterRoutes(
  app: FastifyInstance,
  clusters: ClusterManager,
  store: TrackingStore,
): void {
  const watched = (query: unknown): { context: string; watcher: ContextWatcher } => {
    const context = new RequestFields(query, true).string('context');
    const watcher = clusters.watcher(context);
    if (!watcher) {
      const reason = clusters.freshness(context).reason;
      throw invalidParameter(
        reason ??
          `Context '${context}' is not watched; enable it with POST ${ROUTE}/contexts/settings {"context": "${context}", "enabled": true}.`,
      );
    }
    return { context, watcher };
  };

  app.get(`${ROUTE}/contexts`, (): ClusterContextsResponse => clusters.contexts());

  app.post(`${ROUTE}/contexts/settings`, async (request): Promise<ClusterContextSummary> => {
    const fields = new RequestFields(request.body, false);
    const context = fields.string('context');
    const enabled = fields.optionalBoolean('enabled');
    const production = fields.optionalBoolean('production');
    if (enabled === undefined && production === undefined)
      throw invalidParameter("Give 'enabled' or 'production' (true or false).");
    return clusters.updateSettings({
      context,
      ...(enabled !== undefined ? { enabled } : {}),
      ...(production !== undefined ? { production } : {}),
    });
  });

  app.get(`${ROUTE}/state`, (request): ClusterStateResponse => {
    const context = new RequestFields(request.query, true).string('context');
    return { context, production: clusters.isProduction(context), freshness: clusters.freshness(context) };
  });

  app.get(`${ROUTE}/nodes`, (request): ClusterNodesResponse => {
    const { context, watcher } = watched(request.query);
    return { context, freshness: watcher.freshness(), nodes: watcher.nodes() };
  });

  app.get(`${ROUTE}/slices`, (request): ClusterSlicesResponse => {
    const { context, watcher } = watched(request.query);
    return { context, freshness: watcher.freshness(), slices: watcher.slices() };
  });

  app.get(`${ROUTE}/failures`, (request): ClusterFailuresResponse => {
    const fields = new RequestFields(request.query, true);
    const context = fields.string('context');
    const limitText = fields.optionalString('limit');
    const limit = limitText === undefined ? DEFAULT_FAILURES : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FAILURES)
      throw invalidParameter(`'limit' must be an integer from 1 to ${MAX_FAILURES}, got '${limitText}'.`);
    const failures = store.read(() => store.clusters.failures(context, limit));
    return { context, freshness: clusters.freshness(context), failures };
  });

  app.get(`${ROUTE}/workloads`, (request): ClusterWorkloadsResponse => {
    const { context, watcher } = watched(request.query);
    const fields = new RequestFields(request.query, true);
    const namespace = fields.optionalString('namespace');
    const name = fields.optionalString('name');
    const workloads = watcher
      .workloads(clusters.peakGpuMemory)
      .filter(
        (w) =>
          (namespace === undefined || w.workload.namespace === namespace) &&
          (name === undefined || w.workload.name === name),
      );
    return { context, freshness: watcher.freshness(), workloads };
  });

  app.get(`${ROUTE}/pod-workload`, async (request): Promise<PodWorkloadResponse> => {
    const { context, watcher } = watched(request.query);
    const fields = new RequestFields(request.query, true);
    const namespace = fields.string('namespace');
    const pod = fields.string('pod');
    const workload = watcher.podWorkload(namespace, pod);
    if (!workload) throw notFound(`Context '${context}' has no pod ${namespace}/${pod}.`);
    const manifest = clusters.manifestOf(workload);
    const answer: PodWorkloadResponse = { context, workload, ...(manifest ? { manifest } : {}) };
    if (SCALABLE_KINDS.has(workload.kind)) {
      try {
        answer.replicas = await clusters.scaler(context).replicas(workload);
      } catch (error) {
        answer.replicas_error = error instanceof Error ? error.message : String(error);
      }
    }
    return answer;
  });

  app.post(`${ROUTE}/workloads/scale`, async (request): Promise<ScaleWorkloadResponse> => {
    const fields = new RequestFields(request.body, false);
    const context = fields.string('context');
    const workload = {
      kind: fields.string('kind'),
      namespace: fields.string('namespace'),
      name: fields.string('name'),
    };
    const replicas = fields.raw('replicas');
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)
      throw invalidParameter(`'replicas' must be a non-negative integer, not ${JSON.stringify(replicas)}.`);
    const previous = await clusters.scaler(context).scale(workload, replicas);
    return { context, workload, previous_replicas: previous, replicas };
  });
}
