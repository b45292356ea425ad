import type { KubeObject } from './kube-object.ts';
import { parseSelection, selects } from './list-query.ts';
import type { ObjectStore } from './object-store.ts';
import { groupVersionOf, resourceKey, type ResourceType } from './resource-catalog.ts';
import { listItemForWire, listKind } from './wire-object.ts';
import { isDryRun, requireLive, type WriteRequest, type WriteResult } from './write-handlers.ts';

/** Kinds the garbage collector removes with their owner (by `ownerReferences` uid). */
const OWNED_KINDS = ['apps/replicasets', 'core/pods', 'batch/jobs'];

function removeOwnedBy(
  objects: ObjectStore,
  catalog: readonly ResourceType[],
  uid: string | undefined,
): void {
  if (!uid) return;
  for (const type of catalog) {
    if (!OWNED_KINDS.includes(resourceKey(type))) continue;
    const collection = objects.collection(type);
    const owned = [...collection.keys()]
      .map((k) => collection.get(k))
      .filter((o): o is KubeObject => o?.metadata.ownerReferences?.some((r) => r.uid === uid) === true);
    for (const object of owned) {
      objects.delete(type, object.metadata.namespace, object.metadata.name);
      removeOwnedBy(objects, catalog, object.metadata.uid);
    }
  }
}

/** A namespace takes everything in it along. */
function removeNamespaceContents(
  objects: ObjectStore,
  catalog: readonly ResourceType[],
  namespace: string,
): void {
  for (const type of catalog) {
    if (!type.namespaced) continue;
    const collection = objects.collection(type);
    for (const key of [...collection.keys(`${namespace}/`)]) {
      objects.delete(type, namespace, key.slice(namespace.length + 1));
    }
  }
}

function deleteOne(
  objects: ObjectStore,
  catalog: readonly ResourceType[],
  resource: ResourceType,
  live: KubeObject,
): KubeObject {
  const deleted = objects.delete(resource, live.metadata.namespace, live.metadata.name) ?? live;
  if (resource.kind === 'Namespace') removeNamespaceContents(objects, catalog, live.metadata.name);
  removeOwnedBy(objects, catalog, live.metadata.uid);
  return deleted;
}

/** DELETE of one object: removes it and, as the garbage collector does, what it owns. */
export function deleteObject(
  objects: ObjectStore,
  request: WriteRequest,
  catalog: readonly ResourceType[],
): WriteResult {
  const { route } = request;
  const live = requireLive(objects, route);
  if (isDryRun(request.query)) return { code: 200, object: live };
  return { code: 200, object: deleteOne(objects, catalog, route.resource, live) };
}

/** DELETE of a collection (deletecollection), narrowed by label and field selectors; answers the deleted list. */
export function deleteCollection(
  objects: ObjectStore,
  request: WriteRequest,
  catalog: readonly ResourceType[],
): WriteResult {
  const { resource, namespace } = request.route;
  const selection = parseSelection(request.query, resource);
  const collection = objects.collection(resource);
  const doomed = [...collection.keys(namespace !== undefined ? `${namespace}/` : '')]
    .map((key) => collection.get(key))
    .filter((object): object is KubeObject => object !== undefined && selects(selection, object));
  const deleted = isDryRun(request.query)
    ? doomed
    : doomed.map((object) => deleteOne(objects, catalog, resource, object));
  return {
    code: 200,
    object: {
      kind: listKind(resource),
      apiVersion: groupVersionOf(resource),
      metadata: { resourceVersion: String(objects.resourceVersion) } as KubeObject['metadata'],
      items: deleted.map((object) => listItemForWire(resource, object)),
    },
  };
}
