import { groupVersionOf, verbsOf, type ResourceCatalog, type ResourceType } from './resource-catalog.ts';

/** The server's version, as `kubectl version` reads it from /version. */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** The media type of aggregated discovery (KEP-3352), which kubectl 1.30+ asks for first. */
export const AGGREGATED_DISCOVERY_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some(
      (part) =>
        /g=apidiscovery\.k8s\.io/.test(part) &&
        /v=v2(;|$)/.test(part) &&
        /as=APIGroupDiscoveryList/.test(part),
    );
}

/** /api: the legacy core group's versions. */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groups(catalog: ResourceCatalog): { name: string; version: string }[] {
  return catalog
    .groupVersions()
    .filter((gv) => gv.group !== '')
    .map((gv) => ({ name: gv.group, version: gv.version }));
}

function apiGroup(name: string, version: string): object {
  const groupVersion = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [groupVersion], preferredVersion: groupVersion };
}

/** /apis: every named group, legacy format. */
export function apiGroupList(catalog: ResourceCatalog): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups(catalog).map((g) => apiGroup(g.name, g.version)),
  };
}

/** /apis/{group} */
export function apiGroupOf(catalog: ResourceCatalog, group: string): object | undefined {
  const found = groups(catalog).find((g) => g.name === group);
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(found.name, found.version) } : undefined;
}

/** /api/v1, /apis/{group}/{version}: the resources of one group version, legacy format. */
export function apiResourceList(
  catalog: ResourceCatalog,
  group: string,
  version: string,
): object | undefined {
  const types = catalog.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  const resources = types.flatMap((t) => [
    {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: verbsOf(t),
      ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length > 0 ? { categories: t.categories } : {}),
    },
    ...t.subresources.map((sub) => ({
      name: `${t.plural}/${sub}`,
      singularName: '',
      namespaced: t.namespaced,
      kind: sub === 'scale' ? 'Scale' : t.kind,
      ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
      verbs: sub === 'log' ? ['get'] : ['get', 'patch', 'update'],
    })),
  ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function discoveryResource(t: ResourceType): object {
  return {
    resource: t.plural,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: verbsOf(t),
    ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length > 0 ? { categories: t.categories } : {}),
    ...(t.subresources.length > 0
      ? {
          subresources: t.subresources.map((sub) => ({
            subresource: sub,
            responseKind:
              sub === 'scale'
                ? { group: 'autoscaling', version: 'v1', kind: 'Scale' }
                : { group: t.group, version: t.version, kind: t.kind },
            verbs: sub === 'log' ? ['get'] : ['get', 'patch', 'update'],
          })),
        }
      : {}),
  };
}

/** Aggregated discovery for /api (`core`) or /apis (every named group) in one document. */
export function aggregatedDiscovery(catalog: ResourceCatalog, core: boolean): object {
  const versions = catalog.groupVersions().filter((gv) => (gv.group === '') === core);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: versions.map((gv) => ({
      metadata: gv.group ? { name: gv.group } : {},
      versions: [
        {
          version: gv.version,
          resources: catalog.inGroupVersion(gv.group, gv.version).map(discoveryResource),
          freshness: 'Current',
        },
      ],
    })),
  };
}

export { groupVersionOf };
