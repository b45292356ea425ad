/**
 * Requests to one kubeconfig context's API server. Authentication and TLS come from
 * @kubernetes/client-node (`KubeConfig.applyToHTTPSOptions`: bearer tokens, client
 * certificates, exec plugins, OIDC, the cluster CA); the requests themselves are plain node
 * HTTP(S), so that the reflector owns every deadline and every byte of a watch stream.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, asKubeApiError, failureKindOfStatus, statusMessage } from './kube-api-error.ts';

/** What the reflector and the log fetcher need of a cluster; tests of them may pass their own. */
export interface KubeRequester {
  /** A 2xx response whose body the caller reads; other statuses throw KubeApiError. */
  open(path: string, signal?: AbortSignal): Promise<IncomingMessage>;
  json<T>(path: string, signal?: AbortSignal): Promise<T>;
  text(path: string, signal?: AbortSignal): Promise<string>;
  /** Credential values seen on requests (bearer tokens), to mask in stored evidence. */
  secrets(): string[];
}

const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ERROR_BODY = 4096;

async function readBody(response: IncomingMessage, limit = Infinity): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class KubeConnection implements KubeRequester {
  readonly #config: KubeConfig;
  readonly #server: URL;
  readonly #secrets = new Set<string>();

  /** `config` must have the context to talk to as its current context. */
  constructor(config: KubeConfig) {
    const cluster = config.getCurrentCluster();
    if (cluster === null)
      throw new KubeApiError('auth', `context ${config.getCurrentContext()} names no cluster`);
    this.#config = config;
    this.#server = new URL(cluster.server);
  }

  async open(path: string, signal?: AbortSignal): Promise<IncomingMessage> {
    const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
    try {
      await this.#config.applyToHTTPSOptions(options);
    } catch (error) {
      throw new KubeApiError(
        'auth',
        `cannot authenticate: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const authorization = (options.headers as Record<string, unknown> | undefined)?.Authorization;
    if (typeof authorization === 'string') this.#secrets.add(authorization.replace(/^Bearer\s+/i, ''));
    const url = new URL(this.#server.pathname.replace(/\/$/, '') + path, this.#server);
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = transport.request(
        url,
        { ...options, signal, timeout: REQUEST_TIMEOUT_MS },
        (response) => {
          request.setTimeout(0);
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve(response);
            return;
          }
          readBody(response, MAX_ERROR_BODY).then(
            (body) => {
              const detail =
                statusMessage(body) ?? (body.trim().slice(0, 200) || response.statusMessage || '');
              reject(new KubeApiError(failureKindOfStatus(status), `${status} ${detail}`.trim(), status));
            },
            (error: unknown) => reject(asKubeApiError(error)),
          );
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000}s`)),
      );
      request.on('error', (error) => reject(asKubeApiError(error)));
      request.end();
    });
  }

  async text(path: string, signal?: AbortSignal): Promise<string> {
    const response = await this.open(path, signal);
    try {
      return await readBody(response);
    } catch (error) {
      throw asKubeApiError(error);
    }
  }

  async json<T>(path: string, signal?: AbortSignal): Promise<T> {
    const body = await this.text(path, signal);
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new KubeApiError('malformed', `${path}: the answer is not JSON (${body.slice(0, 80)})`);
    }
  }

  secrets(): string[] {
    return [...this.#secrets];
  }
}
