/**
 * Builds uPlot's aligned data for one metric from the runs' histories: one shared x axis (the
 * union of every run's steps, ascending) and one y array per run. A step a run did not log is
 * `undefined` (uPlot draws the line across it); a NaN the run did log is `null` (a visible gap).
 * When a run logged a step twice, its later point wins.
 * DOM-free, so it is unit tested.
 */
import type { CompareRun, MetricHistory } from './contract.ts';

export interface MetricSeries {
  readonly key: string;
  /** The runs that logged this metric, in the order of `ys`. */
  readonly runIds: readonly string[];
  readonly steps: readonly number[];
  readonly ys: readonly (readonly (number | null | undefined)[])[];
}

/** Every metric key that has a history, sorted. */
export function metricKeys(histories: readonly MetricHistory[]): string[] {
  return [...new Set(histories.map((h) => h.key))].sort((a, b) => a.localeCompare(b));
}

function unionOfSteps(histories: readonly MetricHistory[]): number[] {
  const seen = new Set<number>();
  for (const history of histories) for (const step of history.steps) seen.add(step);
  return [...seen].sort((a, b) => a - b);
}

/** The series of `key`, in the order of `runs`; runs without that metric are left out. */
export function buildSeries(
  runs: readonly CompareRun[],
  histories: readonly MetricHistory[],
  key: string,
): MetricSeries {
  const byRun = new Map<string, MetricHistory>();
  for (const history of histories) if (history.key === key) byRun.set(history.runId, history);
  const present = runs.filter((run) => byRun.has(run.runId));
  const ofKey = present.map((run) => byRun.get(run.runId) as MetricHistory);
  const steps = unionOfSteps(ofKey);
  const column = new Map<number, number>();
  steps.forEach((step, index) => column.set(step, index));
  const ys = ofKey.map((history) => {
    const y = new Array<number | null | undefined>(steps.length).fill(undefined);
    for (let i = 0; i < history.steps.length; i++) {
      const at = column.get(history.steps[i] as number) as number;
      const value = history.values[i];
      y[at] = typeof value === 'number' && Number.isFinite(value) ? value : null;
    }
    return y;
  });
  return { key, runIds: present.map((run) => run.runId), steps, ys };
}
