/**
 * Why a Prometheus query gave no answer. `PrometheusUnavailableError`: nothing usable came back
 * (refused, timed out, not Prometheus, a 5xx); `PrometheusQueryError`: Prometheus answered and
 * refused the query itself (bad PromQL, a bad parameter, a query that ran past its timeout).
 */

export class PrometheusUnavailableError extends Error {
  /** The base URL that was asked (no credentials). */
  readonly baseUrl: string;
  constructor(baseUrl: string, reason: string, options?: { cause?: unknown }) {
    super(`Prometheus at ${baseUrl} is unavailable: ${reason}`, options);
    this.name = 'PrometheusUnavailableError';
    this.baseUrl = baseUrl;
  }
}

export class PrometheusQueryError extends Error {
  /** Prometheus's `errorType` (`bad_data`, `execution`, `timeout`, `canceled`, …). */
  readonly errorType: string;
  /** Prometheus's own words. */
  readonly detail: string;
  readonly query: string;
  /** Where the query came from (`error_rate_query of context 'prod'`), when it was configured. */
  constructor(errorType: string, detail: string, query: string, origin?: string) {
    super(`Prometheus refused ${origin ?? 'the query'} (${errorType}): ${detail}; query: ${query}`);
    this.name = 'PrometheusQueryError';
    this.errorType = errorType;
    this.detail = detail;
    this.query = query;
  }
}
