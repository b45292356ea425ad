/**
 * A feature's verdict and how it looks, DOM-free. Drifted: its statistic crossed its threshold.
 * Investigate: it did not, but its PSI left the stable band (≥ 0.1). Stable otherwise.
 */
import type { FeatureDrift } from '../../daemon/api/contract.ts';
import type { Verdict } from './contract.ts';

export function featureVerdict(feature: Pick<FeatureDrift, 'drifted' | 'psi_band'>): Verdict {
  if (feature.drifted) return 'drifted';
  return feature.psi_band === 'stable' ? 'stable' : 'investigate';
}

/** p-values (KS, chi-squared, Z) drift below the threshold; distances at or above it. */
export function statisticKind(stattest: string): 'p-value' | 'distance' {
  return stattest === 'ks' || stattest === 'chisquare' || stattest === 'z' ? 'p-value' : 'distance';
}

/** Theme colour variables of each verdict (with a fallback variable), so every theme works. */
export const VERDICT_COLORS: Readonly<Record<Verdict, readonly [string, string]>> = {
  stable: ['--vscode-testing-iconPassed', '--vscode-charts-green'],
  investigate: ['--vscode-editorWarning-foreground', '--vscode-charts-yellow'],
  drifted: ['--vscode-editorError-foreground', '--vscode-charts-red'],
};

/** Ordering of rows: the worst first. */
export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { drifted: 0, investigate: 1, stable: 2 };

/**
 * `p = 0.0003 < 0.05` or `psi = 0.31 ≥ 0.2`: the statistic against its threshold, as the verdict
 * reads it; a statistic the daemon could not compute says so.
 */
export function comparisonText(stattest: string, statistic: number | null, threshold: number): string {
  if (statistic === null) return `${stattest}: not computed (no current values of its type)`;
  const kind = statisticKind(stattest);
  const crossed = kind === 'p-value' ? statistic < threshold : statistic >= threshold;
  const sign = kind === 'p-value' ? (crossed ? '<' : '≥') : crossed ? '≥' : '<';
  const name = kind === 'p-value' ? `${stattest} p` : stattest;
  return `${name} = ${formatNumber(statistic)} ${sign} ${formatNumber(threshold)}`;
}

export function formatNumber(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 0.001 || magnitude >= 1e6) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}
