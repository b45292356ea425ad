import type { StatusObject } from './kube-object.ts';

/** A request that fails with a Kubernetes Status body (thrown by handlers, written by the server). */
export class ApiError extends Error {
  readonly status: StatusObject;

  constructor(code: number, reason: string, message: string, details?: StatusObject['details']) {
    super(message);
    this.status = statusObject(code, reason, message, details);
  }
}

export function statusObject(
  code: number,
  reason: string,
  message: string,
  details?: StatusObject['details'],
): StatusObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export function notFound(group: string, plural: string, name: string): ApiError {
  const resource = group ? `${plural}.${group}` : plural;
  return new ApiError(404, 'NotFound', `${resource} "${name}" not found`, { name, group, kind: plural });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 410: the resourceVersion is older than what the server still retains. */
export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function gone(resourceVersion: string, oldest: number): ApiError {
  return new ApiError(410, 'Expired', `too old resource version: ${resourceVersion} (${oldest})`);
}
