/**
 * GET `/scorecard?name=&version=`: a model version's lifecycle scorecard (see Scorecard);
 * POST `/retirement`: the retirement policy, previewed or applied (see RetirementRequest).
 */
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX } from '../../api/contract.ts';
import type {
  RetirementRequest,
  RetirementResponse,
  ScorecardResponse,
} from '../../api/scorecard-contract.ts';
import type { RetirementService } from '../../scorecard/retirement-service.ts';
import type { ScorecardService } from '../../scorecard/scorecard-service.ts';
import type { ChangeFeed } from '../events/change-feed.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

export function registerScorecardRoutes(
  app: FastifyInstance,
  scorecards: ScorecardService,
  retirement: RetirementService,
  feed: ChangeFeed,
): void {
  app.get(`${NATIVE_API_PREFIX}/scorecard`, (request): ScorecardResponse => {
    const fields = new RequestFields(request.query, true);
    return { scorecard: scorecards.scorecard(fields.string('name'), fields.id('version')) };
  });

  app.post(`${NATIVE_API_PREFIX}/retirement`, (request): RetirementResponse => {
    const fields = new RequestFields(request.body, false);
    const body: RetirementRequest = { days: fields.int64('days') };
    const model = fields.optionalString('model_name');
    if (model !== undefined) body.model_name = model;
    if (fields.optionalBoolean('apply') === true) body.apply = true;
    const response = retirement.retire(body);
    if (response.applied)
      for (const c of response.candidates)
        feed.publish({
          type: 'stage_changed',
          name: c.model_name,
          version: c.model_version,
          stage: 'Archived',
        });
    return response;
  });
}
