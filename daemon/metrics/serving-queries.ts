/**
 * The default PromQL behind serving p99 latency (seconds) and error rate (share of 5xx answers),
 * for a model server that exports a Prometheus histogram `http_request_duration_seconds` and a
 * counter `http_requests_total` with the status in `code`. Each context may replace them.
 */

export const DEFAULT_P99_LATENCY_QUERY =
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{$selector}[$window])))';

// No 5xx series at all is a zero error rate, not a missing one; no traffic at all stays missing.
export const DEFAULT_ERROR_RATE_QUERY =
  '(sum(rate(http_requests_total{code=~"5..",$selector}[$window])) or vector(0)) / sum(rate(http_requests_total{$selector}[$window]))';

export const DEFAULT_RATE_WINDOW = '5m';
