/**
 * The two-sided two-sample KS p-value as scipy's `ks_2samp(method='auto')` gives it: exact
 * when both samples have at most 10,000 values, otherwise the Kolmogorov distribution at
 * n = round(n1·n2 / (n1 + n2)).
 */
import { exactTwoSampleSurvival } from './ks-exact-two-sample.ts';
import { kolmogorovSurvival } from './kolmogorov-distribution.ts';

/** Largest sample for which the p-value is exact (scipy's `MAX_AUTO_N`). */
export const KS_EXACT_MAX_N = 10_000;

export function ksPValue(d: number, n1: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return Number.NaN;
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) return exactTwoSampleSurvival(n1, n2, d);
  const big = Math.max(n1, n2);
  const small = Math.min(n1, n2);
  return kolmogorovSurvival(Math.round((big * small) / (big + small)), d);
}
