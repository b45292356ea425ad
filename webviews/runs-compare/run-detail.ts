/** Renders one run's details: status, times, id, latest metrics, params and tags. */
import type { CompareRun } from './contract.ts';

function entry(list: HTMLDListElement, term: string, description: string): void {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = description;
  list.append(dt, dd);
}

function formatMetric(value: number | null): string {
  return value === null ? 'NaN' : String(Number(value.toPrecision(6)));
}

export function renderRunDetail(list: HTMLDListElement, run: CompareRun | undefined): void {
  list.replaceChildren();
  if (!run) return;
  entry(list, 'run id', run.runId);
  entry(list, 'status', run.status.toLowerCase());
  entry(list, 'started', new Date(run.startTime).toLocaleString());
  if (run.endTime !== undefined)
    entry(list, 'duration', `${((run.endTime - run.startTime) / 1000).toFixed(1)} s`);
  for (const [key, value] of Object.entries(run.metrics)) entry(list, `metric ${key}`, formatMetric(value));
  for (const [key, value] of Object.entries(run.params)) entry(list, `param ${key}`, value);
  for (const [key, value] of Object.entries(run.tags)) {
    if (!key.startsWith('mlflow.')) entry(list, `tag ${key}`, value);
  }
}
