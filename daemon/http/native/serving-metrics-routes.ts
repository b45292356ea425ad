/** GET `metrics/serving?context=`: serving p99 latency, error rate and their alert verdicts. */
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX, type ServingHealthResponse } from '../../api/contract.ts';
import type { ClusterMetrics } from '../../metrics/cluster-metrics.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

export function registerServingMetricsRoutes(app: FastifyInstance, metrics: ClusterMetrics): void {
  app.get(`${NATIVE_API_PREFIX}/metrics/serving`, (request): Promise<ServingHealthResponse> => {
    const fields = new RequestFields(request.query, true);
    return metrics.serving(fields.string('context'));
  });
}
