/** Deployments of model versions: plan, apply (runs in the background), status, rollback. */
import type { FastifyInstance } from 'fastify';
import {
  NATIVE_API_PREFIX,
  type DeploymentPlan,
  type DeploymentRecord,
  type DeploymentsResponse,
  type LiveDeploymentObjectsResponse,
} from '../../api/contract.ts';
import type { DeploymentService } from '../../deploy/deployment-service.ts';
import { actorOf } from '../mlflow/mlflow-route.ts';
import { RequestFields } from '../mlflow/request-fields.ts';
import { readDeploymentRequest } from './deployment-request.ts';

export function registerDeploymentRoutes(app: FastifyInstance, deployments: DeploymentService): void {
  const base = `${NATIVE_API_PREFIX}/deployments`;

  app.post(`${base}/plan`, async (request): Promise<DeploymentPlan> =>
    deployments.plan(readDeploymentRequest(request.body)),
  );

  app.post(base, async (request): Promise<DeploymentRecord> =>
    deployments.apply(readDeploymentRequest(request.body), actorOf(request.headers)),
  );

  app.get(base, (request): DeploymentsResponse => {
    const fields = new RequestFields(request.query, true);
    return { deployments: deployments.list(fields.optionalString('name')) };
  });

  app.get(`${base}/live`, async (request): Promise<LiveDeploymentObjectsResponse> => {
    const fields = new RequestFields(request.query, true);
    const objects = await deployments.live(
      fields.string('context'),
      fields.string('namespace'),
      fields.string('service'),
    );
    return { objects };
  });

  app.get<{ Params: { id: string } }>(`${base}/:id`, (request): DeploymentRecord =>
    deployments.get(request.params.id),
  );

  app.post<{ Params: { id: string } }>(`${base}/:id/rollback`, async (request): Promise<DeploymentRecord> =>
    deployments.rollBack(request.params.id, actorOf(request.headers)),
  );
}
