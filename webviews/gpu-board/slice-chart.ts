/**
 * One GPU or MIG slice's small chart (uPlot): use in percent on the left scale, framebuffer used
 * on the right scale up to the device's size, coloured from the theme. New data for the same
 * slice replaces the chart's data in place instead of drawing it again.
 */
import uPlot from 'uplot';
import type { SliceSeries } from './contract.ts';
import { themeColor } from '../shared/theme-color.ts';

const HEIGHT = 120;

export interface SliceChart {
  readonly element: HTMLElement;
  update(series: SliceSeries): void;
  resize(width: number): void;
  destroy(): void;
}

function columns(series: SliceSeries): uPlot.AlignedData {
  return [series.times.map((t) => t / 1000), series.util, series.fbUsed] as unknown as uPlot.AlignedData;
}

/** One line per tick (uPlot's default takes two, which a small chart cuts off): seconds only when ticks are closer than a minute. */
function clockLabel(seconds: number, step: number): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false };
  if (step < 60) options.second = '2-digit';
  return new Date(seconds * 1000).toLocaleTimeString(undefined, options);
}

function latest(values: readonly (number | null)[]): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i] as number;
  return undefined;
}

function describe(series: SliceSeries, header: HTMLElement, pod: HTMLElement, now: HTMLElement): void {
  const slice = series.migProfile ? ` · MIG ${series.migProfile}` : '';
  header.textContent = `${series.hostname} GPU ${series.gpu}${slice}`;
  header.title = `${series.modelName} · ${series.key}`;
  pod.textContent = series.pod ?? 'no pod';
  pod.classList.toggle('idle', series.pod === undefined);
  const util = latest(series.util);
  const used = latest(series.fbUsed);
  const total = series.fbTotal !== undefined ? ` of ${Math.round(series.fbTotal)}` : '';
  now.textContent =
    `${util === undefined ? '–' : `${Math.round(util)}%`} use · ` +
    `${used === undefined ? '–' : Math.round(used)}${total} MiB`;
}

export function createSliceChart(series: SliceSeries, width: number): SliceChart {
  const element = document.createElement('section');
  element.className = 'slice';
  element.dataset.sliceKey = series.key;
  const header = document.createElement('h3');
  const pod = document.createElement('div');
  pod.className = 'pod';
  const now = document.createElement('div');
  now.className = 'now';
  const plotBox = document.createElement('div');
  element.append(header, pod, now, plotBox);
  describe(series, header, pod, now);
  const foreground = themeColor('--vscode-descriptionForeground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
  const axis: uPlot.Axis = {
    stroke: foreground,
    grid: { stroke: grid, width: 1 },
    ticks: { show: false },
    size: 36,
    font: '10px sans-serif',
  };
  let fbMax = series.fbTotal;
  const plot = new uPlot(
    {
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { y: false, points: { show: false } },
      scales: {
        x: { time: true },
        util: { range: [0, 100] },
        fb: { range: (_u, _min, max) => [0, Math.max(fbMax ?? 0, max, 1)] },
      },
      axes: [
        {
          ...axis,
          size: 24,
          values: (_u, ticks, _axis, _space, step) => ticks.map((t) => clockLabel(t, step)),
        },
        { ...axis, scale: 'util', values: (_u, ticks) => ticks.map((t) => `${t}%`) },
        { ...axis, scale: 'fb', side: 1, grid: { show: false } },
      ],
      series: [
        {},
        {
          label: 'use %',
          scale: 'util',
          stroke: themeColor('--vscode-charts-blue', '#3794ff'),
          width: 1,
          points: { show: false },
        },
        {
          label: 'framebuffer used (MiB)',
          scale: 'fb',
          stroke: themeColor('--vscode-charts-orange', '#d18616'),
          width: 1,
          points: { show: false },
        },
      ],
    },
    columns(series),
    plotBox,
  );
  return {
    element,
    update(next) {
      fbMax = next.fbTotal;
      describe(next, header, pod, now);
      plot.setData(columns(next));
    },
    resize(width) {
      if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
    },
    destroy() {
      plot.destroy();
      element.remove();
    },
  };
}
