/** The resource types the fake API server serves, with what discovery says about each. */

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Subresources such as `status` and `log`. */
  subresources: string[];
  /** Served only when the cluster was seeded with its CustomResourceDefinition. */
  customResource: boolean;
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function type(
  groupVersion: string,
  kind: string,
  plural: string,
  options: Partial<Pick<ResourceType, 'namespaced' | 'shortNames' | 'categories' | 'subresources'>> = {},
  customResource = false,
): ResourceType {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  return {
    group: group ?? '',
    version: version ?? 'v1',
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    categories: options.categories ?? [],
    subresources: options.subresources ?? ['status'],
    customResource,
  };
}

export const BUILT_IN_TYPES: readonly ResourceType[] = [
  type('v1', 'Namespace', 'namespaces', { namespaced: false, shortNames: ['ns'] }),
  type('v1', 'Node', 'nodes', { namespaced: false, shortNames: ['no'] }),
  type('v1', 'Pod', 'pods', { shortNames: ['po'], categories: ['all'], subresources: ['status', 'log'] }),
  type('v1', 'Event', 'events', { shortNames: ['ev'], subresources: [] }),
  type('v1', 'Service', 'services', { shortNames: ['svc'], categories: ['all'] }),
  type('apps/v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  type('apps/v1', 'StatefulSet', 'statefulsets', {
    shortNames: ['sts'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  type('apps/v1', 'ReplicaSet', 'replicasets', {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  type('batch/v1', 'Job', 'jobs', { categories: ['all'] }),
];

/** Custom resources: served once their CRD is seeded (`FakeKubeOptions.customResources`). */
export const CUSTOM_TYPES: readonly ResourceType[] = [
  type('serving.kserve.io/v1beta1', 'InferenceService', 'inferenceservices', { shortNames: ['isvc'] }, true),
  type('kubeflow.org/v1', 'PyTorchJob', 'pytorchjobs', {}, true),
  type('ray.io/v1', 'RayJob', 'rayjobs', {}, true),
  type('ray.io/v1', 'RayCluster', 'rayclusters', {}, true),
  type('gateway.networking.k8s.io/v1', 'HTTPRoute', 'httproutes', { categories: ['gateway-api'] }, true),
];

export function groupVersionOf(resource: ResourceType): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

export function verbsOf(_resource: ResourceType): string[] {
  return VERBS;
}

/** The set of types one fake cluster serves. */
export class ResourceCatalog {
  readonly types: readonly ResourceType[];

  constructor(customGroups: readonly string[]) {
    this.types = [...BUILT_IN_TYPES, ...CUSTOM_TYPES.filter((t) => customGroups.includes(t.group))];
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.version === version && t.plural === plural);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.types.find((t) => groupVersionOf(t) === apiVersion && t.kind === kind);
  }

  /** Group versions in discovery order: the legacy core group first. */
  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const t of this.types) seen.set(groupVersionOf(t), { group: t.group, version: t.version });
    return [...seen.values()];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter((t) => t.group === group && t.version === version);
  }
}

/** The store's key for a resource type: `apps/deployments`, `core/pods`. */
export function resourceKey(resource: ResourceType): string {
  return `${resource.group || 'core'}/${resource.plural}`;
}
