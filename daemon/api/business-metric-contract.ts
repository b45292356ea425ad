/**
 * The business metric API under `${NATIVE_API_PREFIX}/business-metrics`: a metric such as a
 * conversion rate or revenue per request is defined once, by a PromQL query on the deployment's
 * cluster or by values pushed per model version, and then serves as a canary rollback trigger
 * and as an A/B test's primary metric. Types and constants only.
 */

/** The placeholders a business metric's PromQL may use, filled per version being judged. */
export const BUSINESS_PROMQL_PLACEHOLDERS = ['$namespace', '$service', '$version', '$window'] as const;

/** PUT `business-metrics/<name>` body (without the name) and GET answer. */
export interface BusinessMetric {
  name: string;
  /** Which way is better. */
  direction: 'higher' | 'lower';
  /** An instant query giving one value for a version; without it the metric reads pushed values. */
  promql?: string;
  /** How far back values count (pushed values) or the `$window` of the query; default 300. */
  window_seconds: number;
  description?: string;
  updated_time: number;
}

export interface BusinessMetricsResponse {
  business_metrics: BusinessMetric[];
}

/** One pushed value; `time` in ms defaults to when it arrives. */
export interface BusinessMetricValue {
  model_name: string;
  model_version: string;
  value: number;
  time?: number;
}

/** POST `business-metrics/<name>/values` body. */
export interface PushBusinessMetricValuesRequest {
  values: BusinessMetricValue[];
}

export interface PushBusinessMetricValuesResponse {
  accepted: number;
}
