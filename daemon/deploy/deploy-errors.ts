/** Why the API server refused a deployment's request, worded for the user. */
import { ApiException } from '@kubernetes/client-node';

export type DeployFailureKind = 'conflict' | 'forbidden' | 'invalid' | 'not-found' | 'unavailable';

export class DeployApiError extends Error {
  readonly kind: DeployFailureKind;
  readonly status: number | undefined;

  constructor(kind: DeployFailureKind, message: string, status?: number) {
    super(message);
    this.name = 'DeployApiError';
    this.kind = kind;
    this.status = status;
  }
}

function kindOf(status: number): DeployFailureKind {
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 400 || status === 422) return 'invalid';
  return 'unavailable';
}

function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return serverMessage(JSON.parse(body));
    } catch {
      return body.slice(0, 500);
    }
  }
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string')
    return body.message;
  return undefined;
}

/** `what` names the request ("apply Deployment ml-serving/churn-v2"). */
export function deployApiError(error: unknown, what: string): DeployApiError {
  if (error instanceof DeployApiError) return error;
  if (error instanceof ApiException) {
    const status = Number(error.code);
    const kind = kindOf(status);
    const said = serverMessage(error.body) ?? error.message;
    const hint =
      kind === 'conflict'
        ? ' (another field manager owns these fields; nothing was forced: apply again with --force to take them over)'
        : kind === 'forbidden'
          ? ' (RBAC denies this to the context’s credentials)'
          : '';
    return new DeployApiError(kind, `${what}: ${status} ${said}${hint}`, status);
  }
  const message = error instanceof Error ? error.message : String(error);
  // The client's discovery found the group but not the kind: the resource is not served.
  if (/Unrecognized API version and kind/.test(message))
    return new DeployApiError('not-found', `${what}: ${message}`);
  return new DeployApiError('unavailable', `${what}: ${message}`);
}
