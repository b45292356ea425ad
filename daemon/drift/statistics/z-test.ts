/**
 * Two-proportion Z-test for a binary feature (Evidently's `z` test): the share of one value in
 * the reference against the current, pooled standard error, two-sided p = 2·(1 - Φ(|z|)). When
 * both samples hold the same single value the p-value is 1.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

export function proportionsZTest(
  referenceHits: number,
  referenceTotal: number,
  currentHits: number,
  currentTotal: number,
): number {
  if (referenceTotal === 0 || currentTotal === 0) return Number.NaN;
  const p1 = referenceHits / referenceTotal;
  const p2 = currentHits / currentTotal;
  const pooled = (referenceHits + currentHits) / (referenceTotal + currentTotal);
  const variance = pooled * (1 - pooled) * (1 / referenceTotal + 1 / currentTotal);
  if (variance === 0) return 1;
  const z = (p1 - p2) / Math.sqrt(variance);
  return 2 * (1 - normalCdf(Math.abs(z), 0, 1));
}
