/**
 * The runs compare webview: metric curves over steps (uPlot), the params diff and one run's
 * details. The host sends the runs and their (downsampled) histories after `initialized`, and
 * again after every restore; the choices made here survive hide and restore through setState.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import { parseHostMessage } from './contract.ts';
import type { ComparePayload, WebviewMessage } from './contract.ts';
import { drawMetricChart } from './metric-chart.ts';
import type { MetricChart } from './metric-chart.ts';
import { paramsDiff } from './params-diff.ts';
import { renderParamsTable } from './params-table.ts';
import { renderRunDetail } from './run-detail.ts';
import { HostChannel } from '../shared/host-channel.ts';
import { buildSeries, metricKeys } from './series.ts';

/** What the user chose; the data itself comes again from the host. */
interface SavedState {
  readonly metric?: string;
  readonly onlyDiffering?: boolean;
  readonly detailRunId?: string;
}

interface SelectElement extends HTMLElement {
  value: string;
}
interface CheckboxElement extends HTMLElement {
  checked: boolean;
}

const host = new HostChannel<WebviewMessage, SavedState>();
let state: SavedState = host.choices;
const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = element('status');
const metricSelect = element<SelectElement>('metric');
const runSelect = element<SelectElement>('run');
const onlyDiffering = element<CheckboxElement>('only-differing');
const chartBox = element('chart');
const paramsTable = element<HTMLTableElement>('params');
const detail = element<HTMLDListElement>('detail');
let data: ComparePayload | undefined;
let chart: MetricChart | undefined;

function save(next: SavedState): void {
  state = { ...state, ...next };
  host.save(next);
}

function fillSelect(select: SelectElement, options: readonly [string, string][], value: string): void {
  select.replaceChildren(
    ...options.map(([optionValue, label]) => {
      const option = document.createElement('vscode-option');
      option.setAttribute('value', optionValue);
      option.textContent = label;
      return option;
    }),
  );
  select.value = value;
}

function drawChart(metric: string): void {
  if (!data) return;
  chart?.destroy();
  const series = buildSeries(data.runs, data.histories, metric);
  chart = drawMetricChart(chartBox, series, data.runs);
  const points = series.ys.reduce((sum, ys) => sum + ys.length, 0);
  status.textContent = `${data.runs.length} runs · ${metric}: ${series.runIds.length} curves over ${series.steps.length} steps (${points} points; at most ${data.maxPoints} per run from the daemon)`;
}

function drawParams(): void {
  if (data) renderParamsTable(paramsTable, data.runs, paramsDiff(data.runs), state.onlyDiffering ?? false);
}

function drawDetail(runId: string): void {
  renderRunDetail(
    detail,
    data?.runs.find((run) => run.runId === runId),
  );
}

function show(payload: ComparePayload): void {
  const started = performance.now();
  data = payload;
  const keys = metricKeys(payload.histories);
  const metric = state.metric && keys.includes(state.metric) ? state.metric : keys[0];
  fillSelect(
    metricSelect,
    keys.map((key) => [key, key]),
    metric ?? '',
  );
  if (metric) drawChart(metric);
  else {
    chart?.destroy();
    chartBox.replaceChildren();
    status.textContent = `${payload.runs.length} runs · no metric histories`;
  }
  onlyDiffering.checked = state.onlyDiffering ?? false;
  drawParams();
  const detailRun = payload.runs.find((run) => run.runId === state.detailRunId) ?? payload.runs[0];
  fillSelect(
    runSelect,
    payload.runs.map((run) => [run.runId, run.name || run.runId]),
    detailRun?.runId ?? '',
  );
  drawDetail(detailRun?.runId ?? '');
  document.body.dataset.renderMs = String(Math.round(performance.now() - started));
}

metricSelect.addEventListener('change', () => {
  save({ metric: metricSelect.value });
  drawChart(metricSelect.value);
});
onlyDiffering.addEventListener('change', () => {
  save({ onlyDiffering: onlyDiffering.checked });
  drawParams();
});
runSelect.addEventListener('change', () => {
  save({ detailRunId: runSelect.value });
  drawDetail(runSelect.value);
});
element('lineage').addEventListener('click', () => {
  if (runSelect.value) host.post({ type: 'showLineage', payload: { runId: runSelect.value } });
});

host.listen(parseHostMessage, (message) => {
  switch (message.type) {
    case 'compare':
      show(message.payload);
      break;
    case 'error':
      status.textContent = message.payload.message;
      break;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
