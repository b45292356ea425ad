/**
 * The drift dashboard webview: one model version's dataset drift share, its alerts, and per
 * feature the statistic against its threshold with the verdict; the selected feature's
 * reference and current histograms and its statistic per window. The host sends the data after
 * `initialized` and again when a report or an alert of this version changes.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type uPlot from 'uplot';
import { HostChannel } from '../shared/host-channel.ts';
import { parseHostMessage } from './contract.ts';
import type { DriftDashboardData, FeatureRow, WebviewMessage } from './contract.ts';
import { drawHistogram, drawTimeline } from './feature-charts.ts';
import { showHealth } from './health-sections.ts';
import { comparisonText, formatNumber } from './verdict.ts';

interface Choices {
  readonly feature: string;
}

const host = new HostChannel<WebviewMessage, Choices>();
const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = element('status');
let data: DriftDashboardData | undefined;
let plots: (uPlot | undefined)[] = [];

function cell(row: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function head(table: HTMLTableElement, names: readonly string[]): void {
  const row = table.createTHead().insertRow();
  for (const name of names) {
    const th = document.createElement('th');
    th.textContent = name;
    row.append(th);
  }
}

function time(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function showShare(next: DriftDashboardData): void {
  const share = element('share');
  const report = next.report;
  share.classList.toggle('drifted', report?.datasetDrift ?? false);
  element('share-fill').style.width = `${Math.round((report?.driftShare ?? 0) * 100)}%`;
  element('share-mark').style.left = `${Math.round((report?.driftShareThreshold ?? 0) * 100)}%`;
  element('share-text').textContent = report
    ? `Dataset drift: ${report.driftedFeatures} of ${next.features.length} features drifted ` +
      `(${Math.round(report.driftShare * 100)}%; the dataset drifts at ${Math.round(report.driftShareThreshold * 100)}%) — ` +
      `${report.datasetDrift ? 'DRIFTED' : 'not drifted'}. Window ${time(report.windowFrom)} – ${time(report.windowTo)}, ` +
      `${report.windowCount} samples against the ${report.referenceKind} reference (${report.referenceCount} rows).`
    : 'No drift report for this version yet: push samples and create a report.';
}

function showAlerts(next: DriftDashboardData): void {
  const table = element<HTMLTableElement>('alerts');
  table.replaceChildren();
  if (next.alerts.length === 0) {
    table.createTBody().insertRow().insertCell().textContent = 'No alerts for this version.';
    return;
  }
  head(table, ['state', 'rule', 'feature', 'value', 'threshold', 'last seen', 'message']);
  const body = table.createTBody();
  for (const alert of next.alerts) {
    const row = body.insertRow();
    row.dataset.alertId = alert.alertId;
    cell(row, alert.status + (alert.silenced ? ' (silenced)' : ''), `alert-${alert.status}`);
    cell(row, alert.rule);
    cell(row, alert.feature ?? '—');
    cell(row, formatNumber(alert.value), 'number');
    cell(row, formatNumber(alert.threshold), 'number');
    cell(row, time(alert.lastSeen));
    cell(row, alert.message);
  }
}

function showFeatures(next: DriftDashboardData, selected: string | undefined): void {
  const table = element<HTMLTableElement>('features');
  table.replaceChildren();
  head(table, ['feature', 'type', 'statistic against threshold', 'verdict', 'PSI']);
  const body = table.createTBody();
  for (const feature of next.features) {
    const row = body.insertRow();
    row.dataset.feature = feature.feature;
    row.tabIndex = 0;
    row.classList.toggle('selected', feature.feature === selected);
    cell(row, feature.feature + (feature.isPrediction ? ' (prediction)' : ''));
    cell(row, feature.type);
    cell(row, comparisonText(feature.stattest, feature.statistic, feature.threshold), 'number');
    cell(row, feature.verdict, `verdict ${feature.verdict}`);
    cell(row, formatNumber(feature.psi), 'number');
  }
}

function showDetail(feature: FeatureRow | undefined): void {
  for (const plot of plots) plot?.destroy();
  plots = [];
  element('detail').hidden = feature === undefined;
  if (!feature || !data) return;
  element('detail-title').textContent = `${feature.feature}: ${feature.verdict}`;
  element('detail-comparison').textContent =
    `${comparisonText(feature.stattest, feature.statistic, feature.threshold)} · PSI ${formatNumber(feature.psi)}`;
  const width = Math.max(320, element('detail').clientWidth - 8);
  plots = [
    drawHistogram(element('histogram'), feature, width),
    drawTimeline(element('timeline'), feature, data.timelineTimes, width),
  ];
}

function select(name: string | undefined): void {
  if (!data) return;
  const feature = data.features.find((f) => f.feature === name) ?? data.features[0];
  for (const row of element('features').querySelectorAll<HTMLTableRowElement>('tbody tr'))
    row.classList.toggle('selected', row.dataset.feature === feature?.feature);
  showDetail(feature);
}

function show(next: DriftDashboardData): void {
  const started = performance.now();
  data = next;
  element('title').textContent = `${next.model} v${next.version}`;
  const drifted = next.features.filter((f) => f.verdict === 'drifted').length;
  const open = next.alerts.filter((a) => a.status === 'open').length;
  status.textContent = next.report
    ? `${next.features.length} features · ${drifted} drifted · ${open} open alerts · ${next.timelineTimes.length} reports · latest ${time(next.report.createdTime)}`
    : 'no reports';
  showShare(next);
  showHealth(next.health);
  showAlerts(next);
  const selected = next.features.some((f) => f.feature === host.choices.feature)
    ? host.choices.feature
    : next.features[0]?.feature;
  showFeatures(next, selected);
  select(selected);
  document.body.dataset.renderMs = String(Math.round(performance.now() - started));
}

const features = element('features');
function chooseRow(target: EventTarget | null): void {
  const row = (target as Element | null)?.closest<HTMLTableRowElement>('tbody tr');
  const name = row?.dataset.feature;
  if (name === undefined) return;
  host.save({ feature: name });
  select(name);
}
features.addEventListener('click', (event) => chooseRow(event.target));
features.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') chooseRow(event.target);
});
element('lineage').addEventListener('click', () => host.post({ type: 'showLineage' }));
const refresh = element('refresh-recommendation');
refresh.addEventListener('click', () => {
  refresh.toggleAttribute('disabled', true);
  element('recommendation-action').textContent = 'Asking the daemon again…';
  host.post({ type: 'refreshRecommendation' });
});

host.listen(parseHostMessage, (message) => {
  switch (message.type) {
    case 'drift':
      show(message.payload);
      break;
    case 'error':
      status.textContent = message.payload.message;
      refresh.toggleAttribute('disabled', false);
      break;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
