/**
 * Results of one treatment arm against the control: the difference (treatment − control) with its
 * confidence interval and two-sided p-value.
 *
 * - Proportions: Wald interval, diff ± z₁₋α/₂·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂); p-value of the pooled
 *   two-proportion z-test.
 * - Means: Welch's t-test, se = √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite degrees of freedom, and
 *   the interval diff ± t₁₋α/₂,df·se.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { proportionsZTest } from '../drift/statistics/z-test.ts';

/** One arm's sufficient statistics: users, the sum of their values and of the squares. */
export interface ArmTotals {
  readonly n: number;
  readonly sum: number;
  readonly sumOfSquares: number;
}

export interface Comparison {
  readonly difference: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly pValue: number;
}

export function armMean(totals: ArmTotals): number {
  return totals.n === 0 ? Number.NaN : totals.sum / totals.n;
}

/** Sample variance (n − 1). */
export function armVariance(totals: ArmTotals): number {
  if (totals.n < 2) return Number.NaN;
  const mean = totals.sum / totals.n;
  return Math.max(0, (totals.sumOfSquares - totals.n * mean * mean) / (totals.n - 1));
}

export function compareProportions(control: ArmTotals, treatment: ArmTotals, alpha: number): Comparison {
  const p1 = armMean(control);
  const p2 = armMean(treatment);
  const difference = p2 - p1;
  const se = Math.sqrt((p1 * (1 - p1)) / control.n + (p2 * (1 - p2)) / treatment.n);
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  return {
    difference,
    ciLow: difference - z * se,
    ciHigh: difference + z * se,
    pValue: proportionsZTest(control.sum, control.n, treatment.sum, treatment.n),
  };
}

export function compareMeans(control: ArmTotals, treatment: ArmTotals, alpha: number): Comparison {
  const difference = armMean(treatment) - armMean(control);
  const v1 = armVariance(control) / control.n;
  const v2 = armVariance(treatment) / treatment.n;
  const se = Math.sqrt(v1 + v2);
  if (!(se > 0))
    return { difference, ciLow: difference, ciHigh: difference, pValue: difference === 0 ? 1 : 0 };
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (control.n - 1) + v2 ** 2 / (treatment.n - 1));
  const t = difference / se;
  const margin = tQuantile(1 - alpha / 2, df) * se;
  return {
    difference,
    ciLow: difference - margin,
    ciHigh: difference + margin,
    pValue: 2 * (1 - tCdf(Math.abs(t), df)),
  };
}
