/**
 * Why it drifted and whether to retrain: POST `/attribution` (see CreateAttributionRequest) and
 * POST `/retraining/recommendation` (see CreateRetrainingRecommendationRequest).
 */
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX } from '../../api/contract.ts';
import type {
  AttributionResponse,
  CreateRetrainingRecommendationRequest,
  RetrainingRecommendationResponse,
} from '../../api/retraining-contract.ts';
import type { AttributionService } from '../../attribution/attribution-service.ts';
import type { RetrainingService } from '../../retraining/retraining-service.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

export function registerRetrainingRoutes(
  app: FastifyInstance,
  attribution: AttributionService,
  retraining: RetrainingService,
): void {
  app.post(`${NATIVE_API_PREFIX}/attribution`, async (request): Promise<AttributionResponse> => {
    const fields = new RequestFields(request.body, false);
    const name = fields.string('model_name');
    const version = fields.id('model_version');
    return { attribution: await attribution.attribute(name, version, minLabelsOf(fields)) };
  });

  app.post(
    `${NATIVE_API_PREFIX}/retraining/recommendation`,
    async (request): Promise<RetrainingRecommendationResponse> => {
      const fields = new RequestFields(request.body, false);
      const body: CreateRetrainingRecommendationRequest = {
        model_name: fields.string('model_name'),
        model_version: fields.id('model_version'),
      };
      const minLabels = minLabelsOf(fields);
      if (minLabels !== undefined) body.min_labels = minLabels;
      if (fields.raw('budget') !== undefined) body.budget = fields.double('budget');
      return { recommendation: await retraining.recommend(body) };
    },
  );
}

function minLabelsOf(fields: RequestFields): number | undefined {
  const minLabels = fields.optionalInt64('min_labels');
  if (minLabels !== undefined && minLabels < 1)
    throw invalidParameter(`'min_labels' must be a positive integer, not ${minLabels}.`);
  return minLabels;
}
