/**
 * Test fixture: a model server's request metrics, a latency histogram
 * `http_request_duration_seconds` and a counter `http_requests_total`, both labelled with the
 * HTTP status `code`. `setTraffic` makes it serve a steady stream (requests per second, latency,
 * share of 5xx answers) until told otherwise, so rates and quantiles over time are real.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import { MetricsEndpoint } from './metrics-endpoint.ts';

export interface Traffic {
  requestsPerSecond: number;
  latencySeconds: number;
  /** Share of requests answered 500, 0..1. */
  errorShare: number;
}

const TICK_MS = 100;

export class ServingMetricsFixture extends MetricsEndpoint {
  readonly #duration: Histogram<'code'>;
  readonly #requests: Counter<'code'>;
  #traffic: Traffic = { requestsPerSecond: 0, latencySeconds: 0, errorShare: 0 };
  #timer: NodeJS.Timeout | undefined;
  #owed = 0;
  #errorsOwed = 0;

  constructor() {
    const registry = new Registry();
    super(registry);
    this.#duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer a prediction request.',
      labelNames: ['code'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.#requests = new Counter({
      name: 'http_requests_total',
      help: 'Prediction requests answered.',
      labelNames: ['code'],
      registers: [registry],
    });
  }

  setTraffic(traffic: Traffic): void {
    this.#traffic = traffic;
    this.#timer ??= setInterval(() => this.#tick(), TICK_MS);
    this.#timer.unref();
  }

  #tick(): void {
    const { requestsPerSecond, latencySeconds, errorShare } = this.#traffic;
    this.#owed += (requestsPerSecond * TICK_MS) / 1000;
    const count = Math.floor(this.#owed);
    this.#owed -= count;
    for (let i = 0; i < count; i++) {
      this.#errorsOwed += errorShare;
      const failed = this.#errorsOwed >= 1;
      if (failed) this.#errorsOwed -= 1;
      const code = failed ? '500' : '200';
      this.#duration.observe({ code }, latencySeconds);
      this.#requests.inc({ code });
    }
  }

  override async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await super.stop();
  }
}
