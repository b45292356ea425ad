/**
 * The dashboard's model-health sections in the DOM: "Data quality" (the failed checks of the
 * latest drift window with their evidence) and "Recommendation" (the action, its reasoning and
 * the attribution evidence). Colours come from the verdict classes (theme variables).
 */
import type { ModelHealth, QualitySection, RecommendationSection } from './health-contract.ts';
import { ACTION_TITLES, ACTION_VERDICTS } from './model-health.ts';

const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function time(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function cell(row: HTMLTableRowElement, text: string, className?: string): void {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

export const NO_QUALITY_HINT =
  'To get one: record the drift baseline with the training columns (its data schema) or register the version with a signature, push production samples (POST /api/mlops-lens/v1/drift/samples), then create a drift report; its window is checked here. See docs/monitoring.md.';

function showQuality(quality: QualitySection): void {
  const summary = element('quality-summary');
  const table = element<HTMLTableElement>('quality');
  table.replaceChildren();
  summary.className = '';
  if (quality.state === 'none') {
    summary.textContent = `No quality report: ${quality.reason} ${NO_QUALITY_HINT}`;
    return;
  }
  const failed = quality.failures.length;
  summary.className = `verdict ${failed > 0 ? 'drifted' : 'stable'}`;
  summary.textContent =
    `${failed > 0 ? `${failed} failed` : 'All passed'} of ${quality.checks} checks on ${quality.rows} samples, ` +
    `${time(quality.windowFrom)} – ${time(quality.windowTo)}.`;
  if (failed === 0) return;
  const head = table.createTHead().insertRow();
  for (const name of ['column', 'check', 'observed', 'expected', 'rows affected', 'sample values']) {
    const th = document.createElement('th');
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  for (const failure of quality.failures) {
    const row = body.insertRow();
    row.dataset.column = failure.column;
    row.dataset.check = failure.check;
    row.title = failure.detail;
    cell(row, failure.column);
    cell(row, failure.check, 'verdict drifted');
    cell(row, failure.observed);
    cell(row, failure.expected);
    cell(row, `${failure.rowsAffected} of ${failure.rows}`, 'number');
    cell(
      row,
      failure.samples.length > 0 ? failure.samples.map((s) => JSON.stringify(s)).join(', ') : '—',
      'samples',
    );
  }
}

function showRecommendation(recommendation: RecommendationSection): void {
  const action = element('recommendation-action');
  const evidence = element('recommendation-evidence');
  evidence.replaceChildren();
  if (recommendation.state === 'none') {
    action.className = '';
    action.textContent = 'No recommendation';
    element('recommendation-reasoning').textContent = recommendation.reason;
    element('recommendation-summary').textContent = '';
    return;
  }
  action.className = `verdict ${ACTION_VERDICTS[recommendation.action]}`;
  action.dataset.action = recommendation.action;
  action.textContent = ACTION_TITLES[recommendation.action];
  element('recommendation-reasoning').textContent = recommendation.reasoning;
  element('recommendation-summary').textContent =
    `${recommendation.summary} (asked ${time(recommendation.createdTime)})`;
  for (const fact of recommendation.evidence) {
    const item = document.createElement('li');
    const kind = document.createElement('strong');
    kind.textContent = fact.subject !== undefined ? `${fact.kind} · ${fact.subject}` : fact.kind;
    item.append(kind, `: ${fact.detail}`);
    evidence.append(item);
  }
  if (recommendation.evidence.length === 0)
    evidence.append(Object.assign(document.createElement('li'), { textContent: 'No evidence.' }));
}

/** Draws both sections; without health yet, says it is loading. */
export function showHealth(health: ModelHealth | undefined): void {
  const refresh = element('refresh-recommendation');
  refresh.toggleAttribute('disabled', false);
  if (!health) {
    element('quality-summary').textContent = 'Loading data quality…';
    element('recommendation-action').textContent = 'Loading the recommendation…';
    return;
  }
  showQuality(health.quality);
  showRecommendation(health.recommendation);
}
