/** The extension's lists, paginated with page tokens: GET `/runs?experiment_id=…` and GET `/models`. */
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX, type ModelPageResponse, type RunPageResponse } from '../../api/contract.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

export function registerBrowseRoutes(app: FastifyInstance, store: TrackingStore): void {
  app.get(`${NATIVE_API_PREFIX}/runs`, (request): RunPageResponse => {
    const fields = new RequestFields(request.query, true);
    return store.runPage({
      experimentId: fields.string('experiment_id'),
      maxResults: fields.optionalInt64('max_results'),
      pageToken: fields.optionalString('page_token'),
      metricKeys: fields.stringList('metric_key'),
    });
  });

  app.get(`${NATIVE_API_PREFIX}/models`, (request): ModelPageResponse => {
    const fields = new RequestFields(request.query, true);
    return store.modelPage({
      maxResults: fields.optionalInt64('max_results'),
      pageToken: fields.optionalString('page_token'),
    });
  });
}
