import jsonPatch from 'fast-json-patch';
import jsonMergePatch from 'json-merge-patch';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, notFound } from './api-status.ts';
import { fieldSetOf, valueAtField } from './field-set.ts';
import type { KubeObject } from './kube-object.ts';
import { managedFieldsOf, ownershipOf, recordUpdate } from './managed-fields.ts';
import { validateObject } from './object-validation.ts';
import type { ObjectStore } from './object-store.ts';
import { groupVersionOf, type ResourceType } from './resource-catalog.ts';
import type { ResourceRoute } from './request-route.ts';
import { serverSideApply } from './server-side-apply.ts';
import { strategicMerge } from './strategic-merge.ts';

/** What a write needs from its request. */
export interface WriteRequest {
  route: ResourceRoute;
  query: URLSearchParams;
  body: string;
  contentType: string;
  userAgent: string;
}

export interface WriteResult {
  code: number;
  object: KubeObject;
}

export function parseBody(body: string, yaml = false): unknown {
  try {
    return yaml ? parseYaml(body) : JSON.parse(body);
  } catch (error) {
    throw badRequest(`the request body is not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
}

function asObject(value: unknown, resource: ResourceType): KubeObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('the request body must be a JSON object');
  }
  const object = value as KubeObject;
  const expected = groupVersionOf(resource);
  if (object.apiVersion !== undefined && object.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (object.kind !== undefined && object.kind !== resource.kind) {
    throw badRequest(
      `the kind in the data (${String(object.kind)}) does not match the expected kind (${resource.kind})`,
    );
  }
  return {
    ...object,
    apiVersion: expected,
    kind: resource.kind,
    metadata: { ...(object.metadata ?? { name: '' }) },
  };
}

function fieldManager(request: WriteRequest): string {
  return request.query.get('fieldManager') ?? request.userAgent.split('/')[0] ?? 'unknown';
}

export function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

function checkNamespace(store: ObjectStore, request: WriteRequest, object: KubeObject): void {
  const { route } = request;
  if (!route.resource.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  if (object.metadata.namespace !== undefined && object.metadata.namespace !== route.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  object.metadata.namespace = route.namespace;
  const namespaces = store.collection('core/namespaces');
  if (route.namespace !== undefined && !namespaces.get(route.namespace)) {
    throw notFound('', 'namespaces', route.namespace);
  }
}

function alreadyExists(resource: ResourceType, name: string): ApiError {
  const qualified = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
  return new ApiError(409, 'AlreadyExists', `${qualified} "${name}" already exists`, {
    name,
    group: resource.group,
    kind: resource.plural,
  });
}

function modified(resource: ResourceType, name: string): ApiError {
  const qualified = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: resource.group, kind: resource.plural },
  );
}

function withOwnership(before: KubeObject | undefined, after: KubeObject, manager: string): KubeObject {
  const fields = [...fieldSetOf(after)].filter((field) => {
    if (!before) return true;
    const path = JSON.parse(field) as string[];
    return JSON.stringify(valueAtField(before, path)) !== JSON.stringify(valueAtField(after, path));
  });
  const owners = recordUpdate(ownershipOf(before), manager, after.apiVersion, new Set(fields));
  return { ...after, metadata: { ...after.metadata, managedFields: managedFieldsOf(owners) } };
}

/** POST to a collection. */
export function createObject(store: ObjectStore, request: WriteRequest): WriteResult {
  const { resource } = request.route;
  const object = asObject(parseBody(request.body), resource);
  checkNamespace(store, request, object);
  if (!object.metadata.name && object.metadata.generateName) {
    object.metadata.name = `${object.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
  }
  validateObject(resource, object);
  if (store.get(resource, object.metadata.namespace, object.metadata.name)) {
    throw alreadyExists(resource, object.metadata.name);
  }
  delete object.metadata.resourceVersion;
  const owned = withOwnership(undefined, object, fieldManager(request));
  if (isDryRun(request.query)) return { code: 201, object: owned };
  return { code: 201, object: store.create(resource, owned) };
}

export function requireLive(store: ObjectStore, route: ResourceRoute): KubeObject {
  const live = store.get(route.resource, route.namespace, route.name ?? '');
  if (!live) throw notFound(route.resource.group, route.resource.plural, route.name ?? '');
  return live;
}

/** The object after a write to the `status` subresource keeps its spec; a main write keeps its status. */
function scoped(live: KubeObject, next: KubeObject, subresource: string | undefined): KubeObject {
  if (subresource === 'status') return { ...live, status: next['status'] };
  return 'status' in live ? { ...next, status: live['status'] } : next;
}

/** Validates and stores an update (or only answers it, on a dry run). */
function commitUpdate(objects: ObjectStore, request: WriteRequest, next: KubeObject): WriteResult {
  const { resource } = request.route;
  validateObject(resource, next);
  if (isDryRun(request.query)) return { code: 200, object: next };
  return { code: 200, object: objects.update(resource, next) };
}

/** PUT to an object: an optimistic-concurrency replace. */
export function replaceObject(objects: ObjectStore, request: WriteRequest): WriteResult {
  const { route } = request;
  const live = requireLive(objects, route);
  const object = asObject(parseBody(request.body), route.resource);
  if (object.metadata.name !== route.name) {
    throw badRequest(
      `the name of the object (${object.metadata.name}) does not match the name on the URL (${route.name ?? ''})`,
    );
  }
  checkNamespace(objects, request, object);
  const expected = object.metadata.resourceVersion;
  if (expected !== undefined && expected !== '' && expected !== live.metadata.resourceVersion) {
    throw modified(route.resource, live.metadata.name);
  }
  const next = withOwnership(live, scoped(live, object, route.subresource), fieldManager(request));
  return commitUpdate(objects, request, next);
}

function patched(live: KubeObject, request: WriteRequest): KubeObject {
  const type = request.contentType.split(';')[0]?.trim();
  if (type === 'application/json-patch+json') {
    const operations = parseBody(request.body);
    try {
      return jsonPatch.applyPatch(structuredClone(live), operations as jsonPatch.Operation[], true)
        .newDocument;
    } catch (error) {
      throw new ApiError(422, 'Invalid', `the JSON patch could not be applied: ${(error as Error).message}`);
    }
  }
  const patch = parseBody(request.body);
  if (patch === null || typeof patch !== 'object') throw badRequest('the patch must be a JSON object');
  if (type === 'application/merge-patch+json')
    return jsonMergePatch.apply(structuredClone(live), patch) as KubeObject;
  if (type === 'application/strategic-merge-patch+json') return strategicMerge(structuredClone(live), patch);
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
  );
}

/** PATCH: JSON patch, merge patch, strategic merge patch, or server-side apply. */
export function patchObject(objects: ObjectStore, request: WriteRequest): WriteResult {
  const { route, query } = request;
  const manager = fieldManager(request);
  if (request.contentType.startsWith('application/apply-patch+yaml')) {
    if (!query.get('fieldManager')) {
      throw new ApiError(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      );
    }
    const applied = asObject(parseBody(request.body, true), route.resource);
    if (applied.metadata.name !== route.name) {
      throw badRequest(
        `the name of the object (${applied.metadata.name}) does not match the name on the URL (${route.name ?? ''})`,
      );
    }
    checkNamespace(objects, request, applied);
    const live = objects.get(route.resource, route.namespace, route.name);
    const force = query.get('force') === 'true';
    const result = serverSideApply({ live, applied, manager, force });
    if (!live) {
      validateObject(route.resource, result);
      if (isDryRun(query)) return { code: 201, object: result };
      return { code: 201, object: objects.create(route.resource, result) };
    }
    return commitUpdate(objects, request, scoped(live, result, route.subresource));
  }
  const live = requireLive(objects, route);
  const next = patched(live, request);
  const expected = next.metadata.resourceVersion;
  if (expected !== undefined && expected !== live.metadata.resourceVersion)
    throw modified(route.resource, live.metadata.name);
  next.metadata = { ...next.metadata, name: live.metadata.name, namespace: live.metadata.namespace };
  return commitUpdate(objects, request, withOwnership(live, scoped(live, next, route.subresource), manager));
}
