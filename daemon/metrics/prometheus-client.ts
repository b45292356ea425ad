/**
 * A client for the two read endpoints of Prometheus's HTTP API that the daemon needs: instant
 * queries (`/api/v1/query`) and range queries (`/api/v1/query_range`). Both are one form POST
 * and a JSON envelope, so it speaks them with `fetch` rather than pull in a client library and
 * its HTTP stack; the same `fetch` then also carries the headers of a Kubernetes service proxy.
 */
import { PrometheusUnavailableError } from './prometheus-errors.ts';
import {
  instantSamples,
  rangeSeries,
  readEnvelope,
  type InstantSample,
  type RangeSeries,
} from './prometheus-response.ts';

export const DEFAULT_QUERY_TIMEOUT_MS = 5_000;

export interface PrometheusEndpoint {
  /** Where `/api/v1/...` is appended: `http://prom:9090`, or an API server's service proxy URL. */
  baseUrl: string;
  /** Sent with every request (an API server's `Authorization`, for instance). */
  headers?: Record<string, string>;
  /** Whole-request limit; Prometheus is also told to stop evaluating by then. */
  timeoutMs?: number;
  /** Replaces the global `fetch` (a client-certificate dispatcher for an API server). */
  fetch?: typeof fetch;
}

export interface RangeWindow {
  /** Epoch milliseconds. */
  start: number;
  end: number;
  stepSeconds: number;
}

export class PrometheusClient {
  readonly baseUrl: string;
  readonly #endpoint: PrometheusEndpoint;

  constructor(endpoint: PrometheusEndpoint) {
    this.baseUrl = endpoint.baseUrl.replace(/\/+$/, '');
    this.#endpoint = endpoint;
  }

  /** Evaluates `query` at `time` (epoch ms; default: Prometheus's now). */
  async instant(query: string, time?: number): Promise<InstantSample[]> {
    const form: Record<string, string> = { query };
    if (time !== undefined) form.time = String(time / 1000);
    return instantSamples(await this.#post('query', form, query));
  }

  /** Evaluates `query` at every step from `start` to `end`. */
  async range(query: string, window: RangeWindow): Promise<RangeSeries[]> {
    if (!(window.stepSeconds > 0))
      throw new RangeError(`A range query needs a positive step, not ${window.stepSeconds}.`);
    const form = {
      query,
      start: String(window.start / 1000),
      end: String(window.end / 1000),
      step: String(window.stepSeconds),
    };
    return rangeSeries(await this.#post('query_range', form, query));
  }

  async #post(endpoint: string, form: Record<string, string>, query: string) {
    const timeoutMs = this.#endpoint.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    const body = new URLSearchParams({ ...form, timeout: `${timeoutMs / 1000}s` });
    const url = `${this.baseUrl}/api/v1/${endpoint}`;
    const doFetch = this.#endpoint.fetch ?? fetch;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: {
          ...this.#endpoint.headers,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new PrometheusUnavailableError(this.baseUrl, transportFailure(error, timeoutMs), {
        cause: error,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const envelope = readEnvelope(parsed, query);
    if (envelope === undefined) {
      const excerpt = text.slice(0, 120).replace(/\s+/g, ' ').trim();
      throw new PrometheusUnavailableError(
        this.baseUrl,
        `HTTP ${response.status} from ${url} is not a Prometheus API answer${excerpt === '' ? '' : ` (${excerpt})`}`,
      );
    }
    return envelope;
  }
}

function transportFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== undefined) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
