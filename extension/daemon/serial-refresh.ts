/**
 * Runs a refresh one at a time: a call while one runs is folded into one more run after it, so
 * a burst of daemon events costs at most two reads.
 */
export class SerialRefresh {
  private readonly run: () => Promise<void>;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(run: () => Promise<void>) {
    this.run = run;
  }

  /** Settles when the run that covers this call has finished (rejects with its error). */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.run();
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }
}
