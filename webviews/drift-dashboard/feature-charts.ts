/**
 * The selected feature's two charts (uPlot), coloured from the theme: reference and current
 * shares per bin as bars side by side, and the statistic per report window with its threshold.
 */
import uPlot from 'uplot';
import type { FeatureRow } from './contract.ts';
import { themeColor } from '../shared/theme-color.ts';
import { formatNumber } from './verdict.ts';

const HEIGHT = 200;

function axisStyle(): uPlot.Axis {
  return {
    stroke: themeColor('--vscode-descriptionForeground', '#888'),
    grid: { stroke: themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)'), width: 1 },
    ticks: { show: false },
  };
}

export function drawHistogram(container: HTMLElement, feature: FeatureRow, width: number): uPlot | undefined {
  container.replaceChildren();
  const histogram = feature.histogram;
  if (!histogram || histogram.labels.length === 0) {
    container.textContent = 'No histogram for this feature.';
    return undefined;
  }
  const axis = axisStyle();
  const bars = uPlot.paths.bars;
  const labels = histogram.labels;
  const x = labels.map((_, i) => i);
  const reference = themeColor('--vscode-charts-blue', '#3794ff');
  const current = themeColor('--vscode-charts-orange', '#d18616');
  return new uPlot(
    {
      width,
      height: HEIGHT,
      scales: {
        x: { time: false, range: [-0.5, labels.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(max, 0.01)] },
      },
      axes: [
        { ...axis, values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? (labels[t] ?? '') : '')) },
        { ...axis, values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) },
      ],
      cursor: { points: { show: false } },
      series: [
        { label: 'bin', value: (_u, v) => (v === null ? '' : (labels[v] ?? '')) },
        {
          label: 'reference',
          stroke: reference,
          fill: `${reference}99`,
          paths: bars?.({ size: [0.4, 60], align: -1 }),
          points: { show: false },
          value: (_u, v) => (v === null ? '' : `${(v * 100).toFixed(1)}%`),
        },
        {
          label: 'current',
          stroke: current,
          fill: `${current}99`,
          paths: bars?.({ size: [0.4, 60], align: 1 }),
          points: { show: false },
          value: (_u, v) => (v === null ? '' : `${(v * 100).toFixed(1)}%`),
        },
      ],
    },
    [x, [...histogram.reference], [...histogram.current]],
    container,
  );
}

export function drawTimeline(
  container: HTMLElement,
  feature: FeatureRow,
  times: readonly number[],
  width: number,
): uPlot | undefined {
  container.replaceChildren();
  if (times.length === 0) return undefined;
  const axis = axisStyle();
  const statistic = themeColor('--vscode-charts-purple', '#b180d7');
  const threshold = themeColor('--vscode-editorError-foreground', '#f14c4c');
  return new uPlot(
    {
      width,
      height: HEIGHT,
      scales: { x: { time: true }, y: feature.kind === 'p-value' ? { distr: 3 } : {} },
      axes: [
        axis,
        {
          ...axis,
          label: feature.kind === 'p-value' ? `${feature.stattest} p-value` : feature.stattest,
          size: 60,
          // A log scale ticks every 1–9 × 10ⁿ: only the powers of ten are labelled.
          values: (_u, ticks) =>
            ticks.map((t) =>
              feature.kind === 'p-value' && !Number.isInteger(Math.log10(t)) ? '' : formatNumber(t),
            ),
        },
      ],
      series: [
        {},
        { label: feature.stattest, stroke: statistic, width: 2, points: { show: true, size: 5 } },
        { label: 'threshold', stroke: threshold, dash: [6, 4], width: 1, points: { show: false } },
      ],
    },
    [
      times.map((t) => t / 1000),
      // A log scale cannot show 0: p-values of 0 sit at the smallest double instead.
      feature.timeline.map((v) => (v === null ? null : feature.kind === 'p-value' ? Math.max(v, 1e-300) : v)),
      times.map(() => feature.threshold),
    ] as unknown as uPlot.AlignedData,
    container,
  );
}
