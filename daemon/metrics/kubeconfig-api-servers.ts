/**
 * API server connections read from the user's kubeconfig, for a Prometheus reached through a
 * context's service proxy. @kubernetes/client-node applies the context's credentials (bearer
 * token, exec plugin, OIDC, client certificate) and CA; undici's fetch carries the TLS part.
 */
import type https from 'node:https';
import { Agent, fetch as undiciFetch } from 'undici';
import { contextConfig, readKubeconfig } from '../clusters/kubeconfig-contexts.ts';
import type { ApiServerConnection, ApiServerConnections } from './prometheus-source.ts';

function headersOf(options: https.RequestOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

// One connection pool per context, replaced when its TLS material changes (a rotated certificate).
const agents = new Map<string, { material: string; agent: Agent }>();

function agentFor(context: string, options: https.RequestOptions): Agent {
  const tls = {
    ca: options.ca,
    cert: options.cert,
    key: options.key,
    rejectUnauthorized: options.rejectUnauthorized,
  };
  const material = JSON.stringify([tls.ca, tls.cert, tls.key, tls.rejectUnauthorized]);
  const cached = agents.get(context);
  if (cached?.material === material) return cached.agent;
  void cached?.agent.close();
  const agent = new Agent({ connect: tls });
  agents.set(context, { material, agent });
  return agent;
}

/** The connection of `context` in the kubeconfig `files`, or undefined when it has none. */
export async function kubeconfigApiServer(
  files: readonly string[],
  context: string,
): Promise<ApiServerConnection | undefined> {
  const config = readKubeconfig(files).config;
  const single = config === undefined ? undefined : contextConfig(config, context);
  const cluster = single?.getCurrentCluster();
  if (single === undefined || cluster === null || cluster === undefined) return undefined;
  const options: https.RequestOptions = {};
  await single.applyToHTTPSOptions(options);
  const dispatcher = agentFor(context, options);
  const fetchWithTls = ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
  return { server: cluster.server, headers: headersOf(options), fetch: fetchWithTls };
}

/** Reads the kubeconfig again on each use, as the cluster watchers do. */
export function kubeconfigApiServers(files: () => string[]): ApiServerConnections {
  return (context) => kubeconfigApiServer(files(), context);
}
