/**
 * Remembers, per context, whether its Prometheus answered the last time the daemon asked, and
 * since when it has been failing, so a reply can say "unavailable since …" instead of showing
 * numbers from before.
 */
import type { MetricsAvailability } from '../api/contract.ts';

export class PrometheusAvailability {
  readonly #failingSince = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  answered(context: string): MetricsAvailability {
    this.#failingSince.delete(context);
    return { state: 'available', checked_time: this.#now() };
  }

  failed(context: string, reason: string): MetricsAvailability {
    const now = this.#now();
    const since = this.#failingSince.get(context) ?? now;
    this.#failingSince.set(context, since);
    return { state: 'unavailable', checked_time: now, unavailable_since: since, reason };
  }
}
