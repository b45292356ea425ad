import jsonMergePatch from 'json-merge-patch';
import { ApiError, badRequest } from './api-status.ts';
import { valueAtPath, type KubeObject } from './kube-object.ts';
import type { ObjectStore } from './object-store.ts';
import { isDryRun, parseBody, type WriteRequest, type WriteResult } from './write-handlers.ts';

/** The autoscaling/v1 Scale of a Deployment, StatefulSet or ReplicaSet. */
function scaleOf(object: KubeObject): KubeObject {
  const labels = (valueAtPath(object, ['spec', 'selector', 'matchLabels']) ?? {}) as Record<string, string>;
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: Number(valueAtPath(object, ['spec', 'replicas']) ?? 1) },
    status: {
      replicas: Number(valueAtPath(object, ['status', 'replicas']) ?? 0),
      selector: Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

/** GET, PUT and merge PATCH of `.../{name}/scale` (what `kubectl scale` uses). */
export function handleScale(
  objects: ObjectStore,
  method: string,
  request: WriteRequest | undefined,
  live: KubeObject,
): WriteResult {
  const current = scaleOf(live);
  if (method === 'GET' || !request) return { code: 200, object: current };
  let next: unknown;
  if (method === 'PUT') next = parseBody(request.body);
  else if (method === 'PATCH' && !request.contentType.startsWith('application/json-patch+json')) {
    next = jsonMergePatch.apply(structuredClone(current), parseBody(request.body));
  } else {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }
  const replicas = valueAtPath(next, ['spec', 'replicas']);
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`spec.replicas must be a non-negative integer, got ${JSON.stringify(replicas)}`);
  }
  const expected = valueAtPath(next, ['metadata', 'resourceVersion']);
  if (
    method === 'PUT' &&
    typeof expected === 'string' &&
    expected !== '' &&
    expected !== live.metadata.resourceVersion
  ) {
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${request.route.resource.plural} "${live.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
    );
  }
  const updated = { ...live, spec: { ...(live['spec'] as object), replicas } };
  if (isDryRun(request.query)) return { code: 200, object: scaleOf(updated) };
  return { code: 200, object: scaleOf(objects.update(request.route.resource, updated)) };
}
