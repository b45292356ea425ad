/** Draws one metric's curves with uPlot, coloured from the theme; redraws on resize. */
import uPlot from 'uplot';
import type { CompareRun } from './contract.ts';
import type { MetricSeries } from './series.ts';
import { seriesStyle } from './series-style.ts';
import { themeColor } from '../shared/theme-color.ts';

export interface MetricChart {
  destroy(): void;
}

export function drawMetricChart(
  container: HTMLElement,
  series: MetricSeries,
  runs: readonly CompareRun[],
): MetricChart {
  const names = new Map(runs.map((run) => [run.runId, run.name || run.runId.slice(0, 8)]));
  const foreground = themeColor('--vscode-foreground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
  const axis: uPlot.Axis = { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const options: uPlot.Options = {
    width: Math.max(320, container.clientWidth),
    height: 320,
    scales: { x: { time: false } },
    axes: [
      { ...axis, label: 'step' },
      { ...axis, label: series.key },
    ],
    legend: { live: series.runIds.length <= 20 },
    cursor: { points: { show: series.runIds.length <= 20 } },
    series: [
      { label: 'step' },
      ...series.runIds.map((runId, index): uPlot.Series => {
        const style = seriesStyle(index);
        return {
          label: names.get(runId) ?? runId,
          stroke: themeColor(style.colorVariable, foreground),
          dash: [...style.dash],
          width: 1.5,
          points: { show: false },
        };
      }),
    ],
  };
  container.replaceChildren();
  const data = [series.steps, ...series.ys] as unknown as uPlot.AlignedData;
  const plot = new uPlot(options, data, container);
  const resize = new ResizeObserver(() => {
    const width = Math.max(320, container.clientWidth);
    if (width !== plot.width) plot.setSize({ width, height: 320 });
  });
  resize.observe(container);
  return {
    destroy: () => {
      resize.disconnect();
      plot.destroy();
    },
  };
}
