/** One MLflow endpoint: its methods, its path under /api/2.0/mlflow/, and a thin handler. */
import type { FastifyInstance } from 'fastify';
import { MLFLOW_API_PREFIX } from '../../api/contract.ts';
import { RequestFields } from './request-fields.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Who made a change, for the registry's audit log. */
export interface RequestContext {
  readonly actor: string;
}

export interface MlflowRoute {
  readonly methods: readonly HttpMethod[];
  readonly path: string;
  handle(fields: RequestFields, context: RequestContext): unknown;
}

/**
 * The extension and CLI name the user in `X-MLOps-Lens-Actor`; other clients are known by
 * their User-Agent (MLflow's is `mlflow-python-client/<version>`).
 */
export function actorOf(headers: Record<string, string | string[] | undefined>): string {
  const named = headers['x-mlops-lens-actor'] ?? headers['user-agent'];
  const actor = Array.isArray(named) ? named[0] : named;
  return actor === undefined || actor === '' ? 'unknown' : actor.slice(0, 200);
}

/** Told of every request a route handled without error, after its transaction committed. */
export type HandledRequestObserver = (
  method: string,
  path: string,
  fields: RequestFields,
  result: unknown,
) => void;

export function registerMlflowRoutes(
  app: FastifyInstance,
  routes: readonly MlflowRoute[],
  observe?: HandledRequestObserver,
): void {
  for (const route of routes) {
    app.route({
      method: [...route.methods],
      url: `${MLFLOW_API_PREFIX}/${route.path}`,
      handler: (request, reply) => {
        const fromQuery = request.method === 'GET';
        // DELETE carries a JSON body from MLflow's client, but may carry a query string instead.
        const source =
          request.method === 'DELETE'
            ? { ...(request.query as object), ...(request.body as object | undefined) }
            : fromQuery
              ? request.query
              : request.body;
        const fields = new RequestFields(source, fromQuery || request.method === 'DELETE');
        const result = route.handle(fields, { actor: actorOf(request.headers) });
        observe?.(request.method, route.path, fields, result);
        return reply.send(result);
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
