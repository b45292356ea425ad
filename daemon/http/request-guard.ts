/**
 * Checks every request before routing: the Host header names this loopback listener (which
 * defeats DNS rebinding), no browser Origin is present (web pages cannot call the daemon, and
 * there is no CORS), and the bearer token matches, compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type GuardVerdict =
  | { ok: true }
  | { ok: false; status: 401 | 403; errorCode: 'UNAUTHENTICATED' | 'PERMISSION_DENIED'; message: string };

export const LOOPBACK_HOSTNAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

export interface RequestGuardOptions {
  readonly token: string;
  /** Host names accepted in the Host header besides the loopback ones (for --host overrides). */
  readonly extraHostnames?: readonly string[];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function createRequestGuard(
  options: RequestGuardOptions,
): (headers: IncomingHttpHeaders, localPort: number | undefined) => GuardVerdict {
  const expected = digest(options.token);
  const hostnames = new Set(
    [...LOOPBACK_HOSTNAMES, ...(options.extraHostnames ?? [])].map((h) => h.toLowerCase()),
  );
  return (headers, localPort) => {
    const host = headers.host;
    if (host === undefined || !hostMatches(host.toLowerCase(), hostnames, localPort)) {
      return {
        ok: false,
        status: 403,
        errorCode: 'PERMISSION_DENIED',
        message: `Host '${host ?? ''}' is not allowed; use 127.0.0.1 with the daemon's port.`,
      };
    }
    if (headers.origin !== undefined) {
      return {
        ok: false,
        status: 403,
        errorCode: 'PERMISSION_DENIED',
        message: 'Requests from web pages (with an Origin header) are not allowed.',
      };
    }
    const authorization = headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match === null) {
      return {
        ok: false,
        status: 401,
        errorCode: 'UNAUTHENTICATED',
        message: 'Missing bearer token: send Authorization: Bearer <token> (the daemon token file).',
      };
    }
    if (!timingSafeEqual(digest(match[1] ?? ''), expected)) {
      return { ok: false, status: 401, errorCode: 'UNAUTHENTICATED', message: 'Invalid bearer token.' };
    }
    return { ok: true };
  };
}

function hostMatches(host: string, hostnames: Set<string>, localPort: number | undefined): boolean {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (match === null) return false;
  const [, hostname = '', port] = match;
  if (!hostnames.has(hostname)) return false;
  const effectivePort = port === undefined ? 80 : Number(port);
  return localPort === undefined || effectivePort === localPort;
}
