/**
 * Which parts of the Clusters view a new snapshot changes: nothing, some contexts, or the whole
 * tree (contexts came, went or moved, or the kubeconfig's error changed). The view fires change
 * events only for those, so a reload with the same data leaves the selection and expansion alone.
 */
import type { ClusterSnapshot } from './cluster-snapshot.ts';

export interface SnapshotChanges {
  readonly whole: boolean;
  /** Contexts whose data changed (when not `whole`). */
  readonly contexts: readonly string[];
}

export class SnapshotChangeTracker {
  private shown = new Map<string, string>();
  private kubeconfigError: string | undefined;
  private empty = true;

  /** Forgets what was shown (the view showed a message instead). */
  reset(): void {
    this.shown.clear();
    this.kubeconfigError = undefined;
    this.empty = true;
  }

  /** Compares `snapshot` with the last one and remembers it. */
  next(snapshot: ClusterSnapshot): SnapshotChanges {
    const next = new Map(snapshot.contexts.map((c) => [c.summary.name, JSON.stringify(c)]));
    const before = [...this.shown.keys()];
    const whole =
      this.empty ||
      next.size !== this.shown.size ||
      [...next.keys()].some((name, i) => before[i] !== name) ||
      snapshot.kubeconfigError !== this.kubeconfigError;
    const contexts = [...next].filter(([name, data]) => this.shown.get(name) !== data).map(([name]) => name);
    this.shown = next;
    this.kubeconfigError = snapshot.kubeconfigError;
    this.empty = false;
    return { whole, contexts: whole ? [] : contexts };
  }
}
