/**
 * Which tree view a daemon change event concerns, and the coalescing of events into refreshes of
 * only those views: a burst of run events refreshes the Runs view once and leaves the Models view
 * alone, and cluster, drift, alert and deployment events refresh neither (their own features
 * follow them). No `vscode` import, so it is unit tested.
 */
import type { ChangeEvent, ChangeEventType } from '../../daemon/api/contract.ts';

export type RefreshedView = 'runs' | 'models';

/** Every event type must be routed: a new one does not compile until it is listed here. */
const VIEWS_OF_EVENT: Readonly<Record<ChangeEventType, readonly RefreshedView[]>> = {
  run_created: ['runs'],
  run_updated: ['runs'],
  metrics_logged: ['runs'],
  experiment_changed: ['runs'],
  model_version_created: ['models'],
  alias_changed: ['models'],
  stage_changed: ['models'],
  model_updated: ['models'],
  cluster_state_changed: [],
  cluster_objects_changed: [],
  cluster_failure: [],
  drift_report_created: [],
  alert_changed: [],
  deployment_progress: [],
  // Events were missed: anything may have changed.
  resync: ['runs', 'models'],
};

export function viewsOfEvent(event: ChangeEvent): readonly RefreshedView[] {
  return VIEWS_OF_EVENT[event.type];
}

/** Collects the views that events concern and refreshes each once, `delayMs` after the first. */
export class ViewEventRouter {
  readonly #refresh: Readonly<Record<RefreshedView, () => void>>;
  readonly #delayMs: number;
  readonly #pending = new Set<RefreshedView>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(refresh: Readonly<Record<RefreshedView, () => void>>, delayMs: number) {
    this.#refresh = refresh;
    this.#delayMs = delayMs;
  }

  onEvent(event: ChangeEvent): void {
    const views = viewsOfEvent(event);
    if (views.length === 0) return;
    for (const view of views) this.#pending.add(view);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      const due = [...this.#pending];
      this.#pending.clear();
      for (const view of due) this.#refresh[view]();
    }, this.#delayMs);
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
