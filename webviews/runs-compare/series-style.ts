/**
 * How each run's curve looks: a colour from the theme's chart palette and, once the palette is
 * used up, a dash pattern, so that 100 runs stay distinguishable. DOM-free.
 */

/** VS Code's chart colours, in the order runs take them. */
export const CHART_COLOR_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
  '--vscode-charts-foreground',
] as const;

const DASHES: readonly (readonly number[])[] = [[], [6, 3], [2, 3], [8, 3, 2, 3]];

export interface SeriesStyle {
  readonly colorVariable: string;
  readonly dash: readonly number[];
}

export function seriesStyle(index: number): SeriesStyle {
  const colors = CHART_COLOR_VARIABLES.length;
  return {
    colorVariable: CHART_COLOR_VARIABLES[index % colors] as string,
    dash: DASHES[Math.floor(index / colors) % DASHES.length] as readonly number[],
  };
}
