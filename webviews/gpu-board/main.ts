/**
 * The GPU board webview: one small chart per GPU or MIG slice with its pod, use and framebuffer
 * over time. The host sends the context's history after `initialized` and again on every poll;
 * charts of slices already shown take the new data in place. When Prometheus is unavailable the
 * charts are removed and a banner says since when: no old numbers stand as current.
 */
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import { HostChannel } from '../shared/host-channel.ts';
import { parseHostMessage } from './contract.ts';
import type { GpuBoardData, WebviewMessage } from './contract.ts';
import { statusText, unavailableText } from './board-status.ts';
import { createSliceChart } from './slice-chart.ts';
import type { SliceChart } from './slice-chart.ts';

interface SelectElement extends HTMLElement {
  value: string;
}

const host = new HostChannel<WebviewMessage, Record<string, never>>();
const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = element('status');
const banner = element('unavailable');
const grid = element('grid');
const windowSelect = element<SelectElement>('window');
const charts = new Map<string, SliceChart>();

function chartWidth(): number {
  const columns = Math.max(1, Math.floor((grid.clientWidth + 12) / 312));
  return Math.max(280, Math.floor((grid.clientWidth - 12 * (columns - 1)) / columns) - 18);
}

function clear(): void {
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
}

function show(data: GpuBoardData): void {
  const started = performance.now();
  windowSelect.value = String(data.minutes);
  status.textContent = statusText(data);
  const unavailable = unavailableText(data);
  banner.hidden = unavailable === undefined;
  banner.textContent = unavailable ?? '';
  document.body.dataset.availability = data.availability.state;
  const keys = new Set(data.slices.map((s) => s.key));
  for (const [key, chart] of charts)
    if (!keys.has(key)) {
      chart.destroy();
      charts.delete(key);
    }
  const width = chartWidth();
  data.slices.forEach((series, index) => {
    let chart = charts.get(series.key);
    if (chart) chart.update(series);
    else {
      chart = createSliceChart(series, width);
      charts.set(series.key, chart);
    }
    if (grid.children[index] !== chart.element)
      grid.insertBefore(chart.element, grid.children[index] ?? null);
  });
  if (data.slices.length === 0 && !unavailable) status.textContent += ' · no DCGM series in this window';
  document.body.dataset.renderMs = String(Math.round(performance.now() - started));
}

// The grid's columns follow the panel's width; every chart takes the new column width.
new ResizeObserver(() => {
  const width = chartWidth();
  for (const chart of charts.values()) chart.resize(width);
}).observe(grid);

windowSelect.addEventListener('change', () => {
  host.post({ type: 'setWindow', payload: { minutes: Number(windowSelect.value) } });
});

host.listen(parseHostMessage, (message) => {
  switch (message.type) {
    case 'usage':
      show(message.payload);
      break;
    case 'error':
      clear();
      status.textContent = message.payload.message;
      break;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
