/**
 * A failed request to a cluster's API server, with what the server said (its Status `reason`
 * and `message`) or why no answer came. `kind` sorts failures the way the reflector reacts.
 */
export type KubeFailureKind =
  /** 401/403, the auth plugin failed, or the server's certificate cannot be trusted: retrying soon will not help. */
  | 'auth'
  /** 410 Gone / Expired: the resourceVersion is too old; list again. */
  | 'gone'
  /** 404: the resource is not served (a CRD that is not installed). */
  | 'not-found'
  /** The server answered something that is not the Kubernetes wire format. */
  | 'malformed'
  /** No watch event and no bookmark within the deadline. */
  | 'silent'
  /** Connection refused, reset, timed out, or a 5xx. */
  | 'unavailable';

export class KubeApiError extends Error {
  readonly kind: KubeFailureKind;
  readonly status: number | undefined;

  constructor(kind: KubeFailureKind, message: string, status?: number) {
    super(message);
    this.name = 'KubeApiError';
    this.kind = kind;
    this.status = status;
  }
}

export function failureKindOfStatus(status: number): KubeFailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 410) return 'gone';
  if (status === 404) return 'not-found';
  return 'unavailable';
}

/** TLS failures that say the server is not the one the kubeconfig trusts (node's error codes). */
const UNTRUSTED_SERVER = /CERT|SIGNATURE|ALTNAME|ISSUER/;

/**
 * OpenSSL failures to load the kubeconfig's own TLS material (a client key that does not match
 * its certificate, data that is no PEM): the context cannot connect until the kubeconfig changes.
 */
const UNUSABLE_CREDENTIALS = /^ERR_OSSL_(X509_KEY_VALUES_MISMATCH|PEM_|ASN1_|DECODER_|UNSUPPORTED)/;

/** Any thrown value as a KubeApiError (network errors become `unavailable`). */
export function asKubeApiError(error: unknown): KubeApiError {
  if (error instanceof KubeApiError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && UNUSABLE_CREDENTIALS.test(code)) {
    return new KubeApiError(
      'auth',
      `the kubeconfig's client certificate, key or CA data cannot be used (${code}: ${message})`,
    );
  }
  if (typeof code === 'string' && UNTRUSTED_SERVER.test(code)) {
    return new KubeApiError('auth', `the server's certificate is not trusted (${code}: ${message})`);
  }
  return new KubeApiError('unavailable', typeof code === 'string' ? `${code}: ${message}` : message);
}

/** The message of a Kubernetes Status body, when the text is one. */
export function statusMessage(body: string): string | undefined {
  try {
    const status = JSON.parse(body) as { kind?: unknown; message?: unknown };
    return status.kind === 'Status' && typeof status.message === 'string' ? status.message : undefined;
  } catch {
    return undefined;
  }
}
