/**
 * Where a context's Prometheus answers: a URL, or a Service reached through the cluster's API
 * server service proxy (`/api/v1/namespaces/NS/services/[SCHEME:]NAME:PORT/proxy`).
 */
import type { PrometheusSource } from '../api/contract.ts';
import type { PrometheusEndpoint } from './prometheus-client.ts';

/** How the daemon talks to one context's API server (owned by the cluster code that knows it). */
export interface ApiServerConnection {
  /** `https://host:6443`, as the kubeconfig's cluster `server`. */
  server: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** Finds the API server connection of a kubeconfig context, when the daemon has one. */
export type ApiServerConnections = (context: string) => Promise<ApiServerConnection | undefined>;

/** The base URL of a Service's proxy on an API server; Prometheus's `/api/v1/...` goes after it. */
export function serviceProxyBaseUrl(
  server: string,
  service: Extract<PrometheusSource, { kind: 'service' }>,
): string {
  // `[scheme:]name:port`, colons literal as kubectl writes them.
  const target = [service.scheme, service.service, service.port]
    .filter((part) => part !== undefined)
    .map((part) => encodeURIComponent(part))
    .join(':');
  return `${server.replace(/\/+$/, '')}/api/v1/namespaces/${encodeURIComponent(service.namespace)}/services/${target}/proxy`;
}

export class NoApiServerError extends Error {
  constructor(context: string) {
    super(
      `The daemon has no API server connection for context '${context}', so it cannot reach a Prometheus service through it; enable the context, or set a Prometheus URL instead.`,
    );
    this.name = 'NoApiServerError';
  }
}

export async function prometheusEndpoint(
  context: string,
  source: PrometheusSource,
  timeoutMs: number,
  connections: ApiServerConnections,
): Promise<PrometheusEndpoint> {
  if (source.kind === 'url') return { baseUrl: source.url, timeoutMs };
  const connection = await connections(context);
  if (connection === undefined) throw new NoApiServerError(context);
  return {
    baseUrl: serviceProxyBaseUrl(connection.server, source),
    timeoutMs,
    headers: connection.headers,
    fetch: connection.fetch,
  };
}
