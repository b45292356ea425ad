/**
 * `metrics/prometheus`: each cluster context's Prometheus. PUT `{context, source, …}` stores it
 * (serving queries Prometheus refuses are refused, naming the field); GET lists them, or gives
 * one with `?context=`; DELETE `?context=` forgets one.
 */
import type { FastifyInstance } from 'fastify';
import {
  NATIVE_API_PREFIX,
  type PrometheusSettings,
  type PrometheusSettingsListResponse,
} from '../../api/contract.ts';
import type { ClusterMetrics } from '../../metrics/cluster-metrics.ts';
import { readPrometheusSettings } from '../../metrics/prometheus-settings-request.ts';
import { notFound } from '../../store/tracking-error.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

const ROUTE = `${NATIVE_API_PREFIX}/metrics/prometheus`;

export function registerPrometheusSettingsRoutes(
  app: FastifyInstance,
  store: TrackingStore,
  metrics: ClusterMetrics,
  now: () => number = Date.now,
): void {
  app.put(ROUTE, async (request): Promise<PrometheusSettings> => {
    const context = new RequestFields(request.body, false).string('context');
    const stored = store.read(() => store.prometheus.get(context));
    const settings = readPrometheusSettings(request.body, stored, now());
    await metrics.checkServingQueries(settings);
    store.write(() => store.prometheus.put(settings));
    return settings;
  });

  app.get(ROUTE, (request): PrometheusSettings | PrometheusSettingsListResponse => {
    const context = new RequestFields(request.query, true).optionalString('context');
    if (context === undefined) return { settings: store.read(() => store.prometheus.list()) };
    return metrics.settings(context);
  });

  app.delete(ROUTE, (request): Record<string, never> => {
    const context = new RequestFields(request.query, true).string('context');
    if (!store.write(() => store.prometheus.delete(context)))
      throw notFound(`No Prometheus is set for context '${context}'.`);
    return {};
  });
}
