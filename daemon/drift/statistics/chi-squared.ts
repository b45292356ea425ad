/**
 * Pearson's chi-squared goodness of fit of the current counts against the reference
 * proportions scaled to the current total (Evidently's `chisquare` test): k - 1 degrees of
 * freedom, p-value from the regularised upper incomplete gamma function. A category the
 * reference never saw has an expected count of 0, which makes the statistic infinite and the
 * p-value 0; with a single category there is nothing to test and the p-value is 1.
 */
import gammainc from '@stdlib/math-base-special-gammainc';

export interface ChiSquaredResult {
  statistic: number;
  pValue: number;
}

export function chiSquaredTest(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): ChiSquaredResult {
  const referenceTotal = referenceCounts.reduce((sum, v) => sum + v, 0);
  const currentTotal = currentCounts.reduce((sum, v) => sum + v, 0);
  const categories = referenceCounts.length;
  if (categories < 2 || referenceTotal === 0 || currentTotal === 0) return { statistic: 0, pValue: 1 };
  let statistic = 0;
  for (let i = 0; i < categories; i += 1) {
    const expected = ((referenceCounts[i] ?? 0) * currentTotal) / referenceTotal;
    const observed = currentCounts[i] ?? 0;
    if (expected === 0) {
      if (observed > 0) statistic = Number.POSITIVE_INFINITY;
      continue;
    }
    statistic += (observed - expected) ** 2 / expected;
  }
  if (statistic === Number.POSITIVE_INFINITY) return { statistic, pValue: 0 };
  return { statistic, pValue: gammainc(statistic / 2, (categories - 1) / 2, true, true) };
}
