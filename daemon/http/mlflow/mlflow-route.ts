/** One MLflow endpoint: its methods, its path under /api/2.0/mlflow/, and a thin handler. */
import type { FastifyInstance } from 'fastify';
import { MLFLOW_API_PREFIX } from '../../api/contract.ts';
import { RequestFields } from './request-fields.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface MlflowRoute {
  readonly methods: readonly HttpMethod[];
  readonly path: string;
  handle(fields: RequestFields): unknown;
}

export function registerMlflowRoutes(app: FastifyInstance, routes: readonly MlflowRoute[]): void {
  for (const route of routes) {
    app.route({
      method: [...route.methods],
      url: `${MLFLOW_API_PREFIX}/${route.path}`,
      handler: (request, reply) => {
        const fromQuery = request.method === 'GET';
        return reply.send(
          route.handle(new RequestFields(fromQuery ? request.query : request.body, fromQuery)),
        );
      },
    });
  }
}

/** Drops `next_page_token` when there is none, as MLflow's JSON omits unset fields. */
export function withPageToken<T extends object>(
  body: T,
  token: string | undefined,
): T & { next_page_token?: string } {
  return token === undefined ? body : { ...body, next_page_token: token };
}
