import { createHash } from 'node:crypto';
import { groupVersionOf, type ResourceCatalog, type ResourceType } from './resource-catalog.ts';

/**
 * A minimal OpenAPI v3: the index of group versions and, per group version, the paths with their
 * PATCH operations, their group-version-kind and the query parameters they accept. kubectl reads it
 * to learn that the server validates fields itself (`fieldValidation`) before it applies.
 */
function pathsOf(types: readonly ResourceType[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    const prefix = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
    const collection = t.namespaced
      ? `${prefix}/namespaces/{namespace}/${t.plural}`
      : `${prefix}/${t.plural}`;
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    const parameters = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map((name) => ({
      name,
      in: 'query',
      schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
    }));
    const operation = (action: string): object => ({
      operationId: `${action}${t.kind}`,
      parameters,
      responses: { '200': { description: 'OK' } },
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
    });
    paths[collection] = { get: operation('list'), post: operation('post') };
    paths[`${collection}/{name}`] = {
      get: operation('get'),
      put: operation('put'),
      patch: operation('patch'),
      delete: operation('delete'),
    };
  }
  return paths;
}

export function openApiDocument(catalog: ResourceCatalog, path: string): object | undefined {
  if (path === '/openapi/v3') {
    const paths: Record<string, unknown> = {};
    for (const { group, version } of catalog.groupVersions()) {
      const key = group ? `apis/${group}/${version}` : `api/${version}`;
      const hash = createHash('sha512').update(key).digest('hex').slice(0, 32).toUpperCase();
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
    return { paths };
  }
  const match = /^\/openapi\/v3\/(api\/v1|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!match) return undefined;
  const group = match[2] ?? '';
  const version = match[3] ?? 'v1';
  const types = catalog.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths: pathsOf(types),
    components: { schemas: {} },
  };
}

export { groupVersionOf };
