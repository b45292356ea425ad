/**
 * Business metrics (conversion rate, revenue per request), defined once and read per model
 * version: from the values pushed to the daemon within the metric's window, or from its PromQL on
 * the deployment's context, with `$namespace`, `$service`, `$version` and `$window` filled in.
 */
import type {
  BusinessMetric,
  BusinessMetricValue,
  PushBusinessMetricValuesResponse,
} from '../api/business-metric-contract.ts';
import { invalidParameter, notFound } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';

export const DEFAULT_BUSINESS_WINDOW_SECONDS = 300;

/** Runs one instant query on a context's Prometheus; the first sample's value, if any. */
export type InstantQuery = (context: string, query: string) => Promise<number | undefined>;

export interface VersionScope {
  context: string;
  namespace: string;
  service: string;
  model: string;
  version: string;
}

export interface MetricValue {
  value: number;
  /** Where it came from, for people: "mean of 12 pushed values" or the query. */
  source: string;
}

export class BusinessMetricService {
  readonly #store: TrackingStore;
  readonly #query: InstantQuery;
  readonly #now: () => number;

  constructor(store: TrackingStore, query: InstantQuery, now: () => number = Date.now) {
    this.#store = store;
    this.#query = query;
    this.#now = now;
  }

  define(metric: Omit<BusinessMetric, 'updated_time'>): BusinessMetric {
    if (!(Number.isSafeInteger(metric.window_seconds) && metric.window_seconds > 0))
      throw invalidParameter(`'window_seconds' must be a positive integer; got ${metric.window_seconds}.`);
    if (metric.promql !== undefined && metric.promql.trim() === '')
      throw invalidParameter("'promql' must not be empty; leave it out to read pushed values.");
    return this.#store.write(() => this.#store.businessMetrics.define(metric));
  }

  get(name: string): BusinessMetric {
    const metric = this.#store.read(() => this.#store.businessMetrics.get(name));
    if (!metric) throw notFound(`Business metric '${name}' is not defined.`);
    return metric;
  }

  list(): BusinessMetric[] {
    return this.#store.read(() => this.#store.businessMetrics.list());
  }

  push(name: string, values: readonly BusinessMetricValue[]): PushBusinessMetricValuesResponse {
    this.get(name);
    values.forEach((v, index) => {
      const where = `values[${index}]`;
      if (typeof v.model_name !== 'string' || v.model_name === '')
        throw invalidParameter(`${where}.model_name must be a non-empty string.`);
      if (typeof v.model_version !== 'string' || v.model_version === '')
        throw invalidParameter(`${where}.model_version must be a non-empty string.`);
      if (typeof v.value !== 'number' || !Number.isFinite(v.value))
        throw invalidParameter(`${where}.value must be a finite number; got ${JSON.stringify(v.value)}.`);
      if (v.time !== undefined && !Number.isSafeInteger(v.time))
        throw invalidParameter(`${where}.time must be epoch milliseconds.`);
    });
    this.#store.write(() => this.#store.businessMetrics.push(name, values));
    return { accepted: values.length };
  }

  /** The metric's value for one version now; undefined when nothing was pushed or returned. */
  async value(metric: BusinessMetric, scope: VersionScope): Promise<MetricValue | undefined> {
    if (metric.promql !== undefined) {
      const query = metric.promql
        .replaceAll('$namespace', scope.namespace)
        .replaceAll('$service', scope.service)
        .replaceAll('$version', scope.version)
        .replaceAll('$window', `${metric.window_seconds}s`);
      const value = await this.#query(scope.context, query);
      return value === undefined || Number.isNaN(value) ? undefined : { value, source: `PromQL ${query}` };
    }
    const since = this.#now() - metric.window_seconds * 1000;
    const recent = this.#store.read(() =>
      this.#store.businessMetrics.recent(metric.name, scope.model, scope.version, since),
    );
    return recent
      ? {
          value: recent.mean,
          source: `mean of ${recent.count} values pushed in the last ${metric.window_seconds} s`,
        }
      : undefined;
  }
}
