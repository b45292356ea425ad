/**
 * The registry's history, under the daemon's native prefix: the audit trail of alias and stage
 * changes, and rolling an alias back to the version it pointed to before its latest move.
 * MLflow has no such endpoints, so they stay out of the MLflow routes.
 */
import type { FastifyInstance } from 'fastify';
import {
  type AliasAtTimeResponse,
  NATIVE_API_PREFIX,
  type RegistryAuditResponse,
  type RollbackAliasResponse,
} from '../../api/contract.ts';
import type { ModelRegistry } from '../../store/model-registry.ts';
import type { ChangeFeed } from '../events/change-feed.ts';
import { actorOf } from '../mlflow/mlflow-route.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

export function registerRegistryHistoryRoutes(
  app: FastifyInstance,
  registry: ModelRegistry,
  feed: ChangeFeed,
): void {
  app.post(`${NATIVE_API_PREFIX}/registry/aliases/rollback`, (request): RollbackAliasResponse => {
    const fields = new RequestFields(request.body, false);
    const name = fields.string('name');
    const alias = fields.string('alias');
    // Both calls run synchronously in this handler, so no other request moves the alias between them.
    const before = registry.versionByAlias(name, alias).version;
    const modelVersion = registry.rollbackAlias(name, alias, actorOf(request.headers));
    feed.publish({ type: 'alias_changed', name, alias, version: modelVersion.version });
    return { model_version: modelVersion, rolled_back_from: before };
  });

  app.get(`${NATIVE_API_PREFIX}/registry/aliases/at`, (request): AliasAtTimeResponse => {
    const fields = new RequestFields(request.query, true);
    const name = fields.string('name');
    const alias = fields.string('alias');
    const time = fields.int64('time');
    // An unknown model is a 404, not "no version".
    registry.getModel(name);
    return { name, alias, time, version: registry.aliasAt(name, alias, time) ?? null };
  });

  app.get(`${NATIVE_API_PREFIX}/registry/audit`, (request): RegistryAuditResponse => {
    const fields = new RequestFields(request.query, true);
    const name = fields.string('name');
    // An unknown model is a 404, not an empty trail.
    registry.getModel(name);
    return { entries: registry.auditTrail(name) };
  });
}
