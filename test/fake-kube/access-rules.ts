import { ApiError } from './api-status.ts';
import type { ResourceRoute } from './request-route.ts';

/** A request the fake refuses with 403 Forbidden, as RBAC would. Omitted fields match anything. */
export interface DenyRule {
  verb?: string;
  /** The plural resource name, `deployments`. */
  resource?: string;
  namespace?: string;
}

/** The Kubernetes verb of a request, as RBAC names it. */
export function verbOf(method: string, route: ResourceRoute, watch: boolean): string {
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return route.name === undefined ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name === undefined ? 'deletecollection' : 'delete';
    default:
      return method.toLowerCase();
  }
}

export class AccessRules {
  readonly user: string;
  private readonly denied: DenyRule[] = [];

  constructor(user: string) {
    this.user = user;
  }

  deny(rule: DenyRule): void {
    this.denied.push(rule);
  }

  clear(): void {
    this.denied.length = 0;
  }

  check(verb: string, route: ResourceRoute): void {
    const { resource, namespace, name } = route;
    const hit = this.denied.some(
      (rule) =>
        (rule.verb === undefined || rule.verb === verb) &&
        (rule.resource === undefined || rule.resource === resource.plural) &&
        (rule.namespace === undefined || rule.namespace === namespace),
    );
    if (!hit) return;
    const plural = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
    const subject = name !== undefined ? `${plural} "${name}"` : plural;
    const scope = namespace !== undefined ? `in the namespace "${namespace}"` : 'at the cluster scope';
    throw new ApiError(
      403,
      'Forbidden',
      `${subject} is forbidden: User "${this.user}" cannot ${verb} resource "${resource.plural}" in API group "${resource.group}" ${scope}`,
      { ...(name !== undefined ? { name } : {}), group: resource.group, kind: resource.plural },
    );
  }
}
