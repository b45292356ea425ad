/**
 * Delays between reconnection attempts: exponential from `initialMs`, capped at `maxMs`, with
 * "full jitter" (a uniform draw below the exponential step) so that many watches that lost the
 * same server do not come back in step.
 */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly random?: () => number;
}

export class ReconnectBackoff {
  readonly #options: BackoffOptions;
  #attempt = 0;

  constructor(options: BackoffOptions) {
    this.#options = options;
  }

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const { initialMs, maxMs, random = Math.random } = this.#options;
    const ceiling = Math.min(maxMs, initialMs * 2 ** this.#attempt);
    this.#attempt = Math.min(this.#attempt + 1, 30);
    return Math.max(initialMs / 2, Math.round(ceiling * random()));
  }

  reset(): void {
    this.#attempt = 0;
  }
}
