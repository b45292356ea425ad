/**
 * Which statistic judges a feature when the user picks none, and its threshold, as Evidently
 * does by default: up to 1,000 reference rows, KS for numbers and chi-squared for categories
 * (the Z-test when there are only two values; chi-squared for numbers with at most five);
 * above that, the normed Wasserstein distance for numbers and Jensen-Shannon for categories
 * (and for numbers with at most five values).
 */
import type { DriftColumnType, DriftStatTest } from '../api/contract.ts';

export const SMALL_REFERENCE_ROWS = 1000;
export const FEW_NUMERIC_VALUES = 5;

export const DEFAULT_THRESHOLDS: Readonly<Record<DriftStatTest, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
};

/** Tests drift when the p-value falls below the threshold; distances at or above it. */
export const P_VALUE_TESTS: ReadonlySet<DriftStatTest> = new Set(['ks', 'chisquare', 'z']);

/** Share of drifted features at which the whole dataset counts as drifted. */
export const DATASET_DRIFT_SHARE = 0.5;

export function defaultStatTest(
  type: DriftColumnType,
  referenceRows: number,
  distinctValues: number,
): DriftStatTest {
  if (referenceRows <= SMALL_REFERENCE_ROWS) {
    if (type === 'numerical' && distinctValues > FEW_NUMERIC_VALUES) return 'ks';
    return distinctValues > 2 ? 'chisquare' : 'z';
  }
  if (type === 'numerical' && distinctValues > FEW_NUMERIC_VALUES) return 'wasserstein';
  return 'jensenshannon';
}

export function isDrifted(stattest: DriftStatTest, statistic: number, threshold: number): boolean {
  if (Number.isNaN(statistic)) return false;
  return P_VALUE_TESTS.has(stattest) ? statistic < threshold : statistic >= threshold;
}
