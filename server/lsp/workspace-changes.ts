import type { CancellationToken } from 'vscode-languageserver';

/**
 * Wakes a held `workspace/diagnostic` request when files may have changed (watched file events,
 * a closed editor, a new configuration), so the server answers "nothing changed" by waiting
 * instead of walking the workspace every time the client asks.
 */
export class WorkspaceChanges {
  private waiters: Array<() => void> = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves on the next change, on cancellation, or after `maxWaitMs`, whichever comes first. */
  wait(token: CancellationToken, maxWaitMs: number): Promise<void> {
    if (token.isCancellationRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        subscription.dispose();
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      const subscription = token.onCancellationRequested(done);
      this.waiters.push(done);
    });
  }
}
