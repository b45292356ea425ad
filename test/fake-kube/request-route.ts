import type { ResourceCatalog, ResourceType } from './resource-catalog.ts';

/** Where a resource request points: a collection, one object, or one of its subresources. */
export interface ResourceRoute {
  resource: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

/**
 * Parses `/api/v1/...` and `/apis/{group}/{version}/...` paths. Undefined when the path names no
 * resource this cluster serves.
 */
export function parseResourcePath(catalog: ResourceCatalog, path: string): ResourceRoute | undefined {
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1] as string;
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] as string;
    version = segments[2] as string;
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const inner = catalog.find(group, version, rest[2] as string);
    if (inner?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const resource = catalog.find(group, version, rest[0] as string);
  if (!resource || rest.length > 3) return undefined;
  if (namespace === undefined && resource.namespaced && rest.length > 1) return undefined;
  return { resource, namespace, name: rest[1], subresource: rest[2] };
}
