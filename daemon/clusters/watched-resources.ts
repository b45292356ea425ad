/**
 * The resources the cluster watcher caches per context. The built-in ones are always watched;
 * the custom ones (KServe, Kubeflow training, Ray) only when discovery shows their CRD installed.
 */
export interface WatchedResource {
  /** `pods`, or `<plural>.<group>` for a non-core group. */
  readonly name: string;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly custom: boolean;
}

function resource(groupVersion: string, plural: string, custom = false): WatchedResource {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  return {
    name: group ? `${plural}.${group}` : plural,
    group: group ?? '',
    version: version ?? 'v1',
    plural,
    custom,
  };
}

export const NODES = resource('v1', 'nodes');
export const PODS = resource('v1', 'pods');
export const EVENTS = resource('v1', 'events');

export const WATCHED_RESOURCES: readonly WatchedResource[] = [
  NODES,
  PODS,
  EVENTS,
  resource('apps/v1', 'deployments'),
  resource('apps/v1', 'statefulsets'),
  resource('batch/v1', 'jobs'),
  resource('serving.kserve.io/v1beta1', 'inferenceservices', true),
  resource('kubeflow.org/v1', 'pytorchjobs', true),
  resource('kubeflow.org/v1', 'tfjobs', true),
  resource('kubeflow.org/v2beta1', 'mpijobs', true),
  resource('ray.io/v1', 'rayjobs', true),
  resource('ray.io/v1', 'rayclusters', true),
  resource('ray.io/v1', 'rayservices', true),
];

/** The collection path of a resource across all namespaces. */
export function collectionPath(resource: WatchedResource): string {
  const prefix = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  return `${prefix}/${resource.plural}`;
}

export function groupVersionPath(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}
