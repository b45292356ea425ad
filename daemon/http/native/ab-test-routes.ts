/**
 * A/B tests: POST `ab-tests` (with its power analysis), GET `ab-tests` and `ab-tests/<name>`,
 * GET `ab-tests/<name>/assignment?user_id=`, POST `ab-tests/<name>/observations` and GET
 * `ab-tests/<name>/results`.
 */
import type { FastifyInstance } from 'fastify';
import type {
  AbAssignmentResponse,
  AbResults,
  AbTest,
  AbTestsResponse,
  PushAbObservationsResponse,
} from '../../api/ab-test-contract.ts';
import { NATIVE_API_PREFIX } from '../../api/contract.ts';
import type { AbTestService } from '../../ab-tests/ab-test-service.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';
import { readCreateAbTestRequest } from './ab-test-request.ts';

type Named = { Params: { name: string } };

export function registerAbTestRoutes(app: FastifyInstance, tests: AbTestService): void {
  const base = `${NATIVE_API_PREFIX}/ab-tests`;

  app.post(base, (request): AbTest => tests.create(readCreateAbTestRequest(request.body)));

  app.get(base, (): AbTestsResponse => ({ ab_tests: tests.list() }));

  app.get<Named>(`${base}/:name`, (request): AbTest => tests.get(request.params.name));

  app.get<Named>(`${base}/:name/assignment`, (request): AbAssignmentResponse => {
    const userId = new RequestFields(request.query, true).string('user_id');
    return { user_id: userId, arm: tests.assign(request.params.name, userId) };
  });

  app.post<Named>(`${base}/:name/observations`, (request): PushAbObservationsResponse => {
    const observations = new RequestFields(request.body, false).raw('observations');
    if (!Array.isArray(observations) || observations.length === 0)
      throw invalidParameter("'observations' must be a non-empty array of {user_id, value, arm?}.");
    return tests.record(request.params.name, {
      observations: observations.map((o: unknown, index) => {
        if (typeof o !== 'object' || o === null)
          throw invalidParameter(`'observations[${index}]' must be an object.`);
        return o as { user_id: string; value: number; arm?: string };
      }),
    });
  });

  app.get<Named>(`${base}/:name/results`, (request): AbResults => tests.results(request.params.name));
}
