/**
 * Reads a PUT of a context's Prometheus settings: every field checked, each mistake named by
 * its field; fields left out keep their stored value, else the default.
 */
import type { PrometheusSettings, PrometheusSource } from '../api/contract.ts';
import { invalidParameter } from '../store/tracking-error.ts';
import { DEFAULT_QUERY_TIMEOUT_MS } from './prometheus-client.ts';
import { isPromDuration } from './promql-template.ts';
import {
  DEFAULT_ERROR_RATE_QUERY,
  DEFAULT_P99_LATENCY_QUERY,
  DEFAULT_RATE_WINDOW,
} from './serving-queries.ts';

const MAX_TIMEOUT_MS = 120_000;
const MIN_TIMEOUT_MS = 100;
// A DNS-1123 label (namespace, service name) and a port number or name.
const KUBE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const PORT = /^([1-9]\d{0,4}|[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?)$/;

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidParameter(`'${field}' must be an object.`);
  return value as Record<string, unknown>;
}

function text(body: Record<string, unknown>, field: string, path = field): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw invalidParameter(`'${path}' must be a string, not ${JSON.stringify(value)}.`);
  return value;
}

function requiredText(body: Record<string, unknown>, field: string, path: string): string {
  const value = text(body, field, path);
  if (value === undefined || value === '') throw invalidParameter(`'${path}' is required.`);
  return value;
}

function readSource(value: unknown): PrometheusSource {
  const source = record(value, 'source');
  if (source.kind === 'url') {
    const url = requiredText(source, 'url', 'source.url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalidParameter(`'source.url' is not a URL: ${JSON.stringify(url)}.`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw invalidParameter(`'source.url' must be http or https, not ${parsed.protocol}`);
    if (parsed.username !== '' || parsed.password !== '')
      throw invalidParameter("'source.url' must not carry credentials.");
    return { kind: 'url', url: url.replace(/\/+$/, '') };
  }
  if (source.kind === 'service') {
    const namespace = requiredText(source, 'namespace', 'source.namespace');
    const service = requiredText(source, 'service', 'source.service');
    const port =
      typeof source.port === 'number' ? String(source.port) : requiredText(source, 'port', 'source.port');
    for (const [field, value, pattern] of [
      ['namespace', namespace, KUBE_NAME],
      ['service', service, KUBE_NAME],
      ['port', port, PORT],
    ] as const) {
      if (!pattern.test(value))
        throw invalidParameter(
          `'source.${field}' is not a valid Kubernetes ${field}: ${JSON.stringify(value)}.`,
        );
    }
    const scheme = text(source, 'scheme', 'source.scheme');
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https')
      throw invalidParameter(`'source.scheme' must be http or https, not ${JSON.stringify(scheme)}.`);
    return scheme === undefined
      ? { kind: 'service', namespace, service, port }
      : { kind: 'service', namespace, service, port, scheme };
  }
  throw invalidParameter(`'source.kind' must be "url" or "service", not ${JSON.stringify(source.kind)}.`);
}

function readServingModel(value: unknown): PrometheusSettings['serving_model'] {
  if (value === null) return undefined;
  const model = record(value, 'serving_model');
  const name = requiredText(model, 'name', 'serving_model.name');
  const version =
    typeof model.version === 'number'
      ? String(model.version)
      : requiredText(model, 'version', 'serving_model.version');
  return { name, version };
}

export function readPrometheusSettings(
  bodyValue: unknown,
  stored: PrometheusSettings | undefined,
  now: number,
): PrometheusSettings {
  const body = record(bodyValue, 'body');
  const context = requiredText(body, 'context', 'context');
  const source = body.source === undefined && stored !== undefined ? stored.source : readSource(body.source);
  const timeout = body.timeout_ms ?? stored?.timeout_ms ?? DEFAULT_QUERY_TIMEOUT_MS;
  if (
    !Number.isInteger(timeout) ||
    (timeout as number) < MIN_TIMEOUT_MS ||
    (timeout as number) > MAX_TIMEOUT_MS
  )
    throw invalidParameter(
      `'timeout_ms' must be an integer from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}, not ${JSON.stringify(timeout)}.`,
    );
  const rateWindow = text(body, 'rate_window') ?? stored?.rate_window ?? DEFAULT_RATE_WINDOW;
  if (!isPromDuration(rateWindow))
    throw invalidParameter(
      `'rate_window' must be a Prometheus duration such as 5m or 30s, not ${JSON.stringify(rateWindow)}.`,
    );
  const settings: PrometheusSettings = {
    context,
    source,
    timeout_ms: timeout as number,
    serving_selector: text(body, 'serving_selector') ?? stored?.serving_selector ?? '',
    rate_window: rateWindow,
    p99_latency_query:
      text(body, 'p99_latency_query') ?? stored?.p99_latency_query ?? DEFAULT_P99_LATENCY_QUERY,
    error_rate_query: text(body, 'error_rate_query') ?? stored?.error_rate_query ?? DEFAULT_ERROR_RATE_QUERY,
    updated_time: now,
  };
  const model =
    body.serving_model === undefined ? stored?.serving_model : readServingModel(body.serving_model);
  if (model !== undefined) settings.serving_model = model;
  for (const field of ['p99_latency_query', 'error_rate_query'] as const) {
    if (settings[field].trim() === '') throw invalidParameter(`'${field}' must not be empty.`);
  }
  return settings;
}
