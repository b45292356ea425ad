/**
 * Judges one feature: the current window against its reference summary, with the chosen or
 * default statistic, plus PSI (always) and the KS p-value (numerical features), which the alert
 * rules read. Numbers are compared on the reference's distinct values in one pass
 * (statistics/numeric-comparison.ts); categories by their counts.
 */
import type { DriftColumnSpec, DriftStatTest, DriftValue, FeatureDrift } from '../api/contract.ts';
import { invalidParameter } from '../store/tracking-error.ts';
import { categoryKey, type CategoricalReference, type NumericReference } from './reference-summary.ts';
import { chiSquaredTest } from './statistics/chi-squared.ts';
import { jensenShannonDistance } from './statistics/jensen-shannon.ts';
import { ksPValue } from './statistics/ks-p-value.ts';
import { compareNumeric } from './statistics/numeric-comparison.ts';
import { populationStabilityIndex, psiBand } from './statistics/psi.ts';
import { ReferenceGrid } from './statistics/reference-grid.ts';
import { proportionsZTest } from './statistics/z-test.ts';
import { DEFAULT_THRESHOLDS, defaultStatTest, FEW_NUMERIC_VALUES, isDrifted } from './stattest-defaults.ts';

/** Reference-quantile bins of PSI (and of binned tests on numbers with many values). */
export const PSI_BINS = 10;

const grids = new WeakMap<NumericReference, ReferenceGrid>();

function gridOf(reference: NumericReference): ReferenceGrid {
  let grid = grids.get(reference);
  if (grid === undefined) {
    grid = new ReferenceGrid(reference.points);
    grids.set(reference, grid);
  }
  return grid;
}

interface Counts {
  reference: number[];
  current: number[];
}

export function numericFeatureDrift(
  feature: string,
  reference: NumericReference,
  current: Float64Array,
  spec: DriftColumnSpec = {},
  isPrediction = false,
): FeatureDrift {
  const grid = gridOf(reference);
  const comparison = compareNumeric(grid, current);
  const distinct = distinctNumbers(grid, current);
  const stattest = spec.stattest ?? defaultStatTest('numerical', reference.count, distinct.size);
  const binned = (): Counts =>
    distinct.size <= FEW_NUMERIC_VALUES
      ? valueCounts(grid, reference, current, distinct)
      : quantileBinCounts(grid, comparison.currentAtOrBelow, comparison.count);
  const psiCounts = quantileBinCounts(grid, comparison.currentAtOrBelow, comparison.count);
  const ksP = ksPValue(comparison.ks, reference.count, comparison.count);
  let statistic: number;
  switch (stattest) {
    case 'ks':
      statistic = ksP;
      break;
    case 'wasserstein':
      statistic = comparison.wasserstein / Math.max(reference.std, 0.001);
      break;
    case 'psi':
      statistic = psi(psiCounts);
      break;
    case 'jensenshannon': {
      const counts = binned();
      statistic = jensenShannonDistance(counts.reference, counts.current);
      break;
    }
    case 'chisquare': {
      const counts = binned();
      statistic = chiSquaredTest(counts.reference, counts.current).pValue;
      break;
    }
    case 'z':
      statistic = zTest(binned(), feature);
      break;
  }
  return result(feature, 'numerical', isPrediction, stattest, statistic, spec, psi(psiCounts), {
    reference: reference.count,
    current: comparison.count,
    missing: current.length - comparison.count,
    ks: comparison.count > 0 ? { statistic: comparison.ks, pValue: ksP } : undefined,
  });
}

export function categoricalFeatureDrift(
  feature: string,
  reference: CategoricalReference,
  current: readonly DriftValue[],
  spec: DriftColumnSpec = {},
  isPrediction = false,
): FeatureDrift {
  const currentCounts = new Map<string, number>();
  let missing = 0;
  for (const value of current) {
    const key = categoryKey(value);
    if (key === undefined) missing += 1;
    else currentCounts.set(key, (currentCounts.get(key) ?? 0) + 1);
  }
  const keys = [...new Set([...reference.counts.keys(), ...currentCounts.keys()])].sort();
  const counts: Counts = {
    reference: keys.map((key) => reference.counts.get(key) ?? 0),
    current: keys.map((key) => currentCounts.get(key) ?? 0),
  };
  const stattest = spec.stattest ?? defaultStatTest('categorical', reference.count, keys.length);
  let statistic: number;
  switch (stattest) {
    case 'chisquare':
      statistic = chiSquaredTest(counts.reference, counts.current).pValue;
      break;
    case 'z':
      statistic = zTest(counts, feature);
      break;
    case 'jensenshannon':
      statistic = jensenShannonDistance(counts.reference, counts.current);
      break;
    case 'psi':
      statistic = psi(counts);
      break;
    case 'ks':
    case 'wasserstein':
      throw invalidParameter(`Feature '${feature}' is categorical; '${stattest}' needs numbers.`);
  }
  return result(feature, 'categorical', isPrediction, stattest, statistic, spec, psi(counts), {
    reference: reference.count,
    current: current.length - missing,
    missing,
  });
}

function result(
  feature: string,
  type: FeatureDrift['type'],
  isPrediction: boolean,
  stattest: DriftStatTest,
  statistic: number,
  spec: DriftColumnSpec,
  psiValue: number,
  sizes: { reference: number; current: number; missing: number; ks?: { statistic: number; pValue: number } },
): FeatureDrift {
  const threshold = spec.threshold ?? DEFAULT_THRESHOLDS[stattest];
  const drift: FeatureDrift = {
    feature,
    type,
    is_prediction: isPrediction,
    stattest,
    statistic,
    threshold,
    drifted: isDrifted(stattest, statistic, threshold),
    psi: psiValue,
    psi_band: psiBand(psiValue),
    reference_count: sizes.reference,
    current_count: sizes.current,
    current_missing: sizes.missing,
  };
  if (sizes.ks !== undefined) {
    drift.ks_statistic = sizes.ks.statistic;
    drift.ks_p_value = sizes.ks.pValue;
  }
  return drift;
}

function psi(counts: Counts): number {
  const referenceTotal = counts.reference.reduce((sum, v) => sum + v, 0);
  const currentTotal = counts.current.reduce((sum, v) => sum + v, 0);
  if (referenceTotal === 0 || currentTotal === 0) return Number.NaN;
  return populationStabilityIndex(
    counts.reference.map((v) => v / referenceTotal),
    counts.current.map((v) => v / currentTotal),
  );
}

function zTest(counts: Counts, feature: string): number {
  if (counts.reference.length > 2)
    throw invalidParameter(
      `Feature '${feature}' has more than two values; the 'z' test needs a binary feature.`,
    );
  const referenceTotal = counts.reference.reduce((sum, v) => sum + v, 0);
  const currentTotal = counts.current.reduce((sum, v) => sum + v, 0);
  return proportionsZTest(counts.reference[0] ?? 0, referenceTotal, counts.current[0] ?? 0, currentTotal);
}

/** The distinct values of reference and window together, counted exactly only while few. */
function distinctNumbers(grid: ReferenceGrid, current: Float64Array): Set<number> {
  const distinct = new Set<number>(grid.values);
  if (distinct.size > FEW_NUMERIC_VALUES) return distinct;
  for (const value of current) {
    if (Number.isNaN(value)) continue;
    distinct.add(value);
    if (distinct.size > FEW_NUMERIC_VALUES) break;
  }
  return distinct;
}

function valueCounts(
  grid: ReferenceGrid,
  reference: NumericReference,
  current: Float64Array,
  distinct: Set<number>,
): Counts {
  const keys = [...distinct].sort((a, b) => a - b);
  const referenceShare = new Map<number, number>();
  grid.values.forEach((value, k) =>
    referenceShare.set(value, (grid.cumulative[k] ?? 0) - (k > 0 ? (grid.cumulative[k - 1] ?? 0) : 0)),
  );
  const currentCounts = new Map<number, number>();
  for (const value of current)
    if (!Number.isNaN(value)) currentCounts.set(value, (currentCounts.get(value) ?? 0) + 1);
  return {
    reference: keys.map((key) => Math.round((referenceShare.get(key) ?? 0) * reference.count)),
    current: keys.map((key) => currentCounts.get(key) ?? 0),
  };
}

/** Counts in the bins (-∞, e1], (e1, e2], …, (e_last, ∞) closed by the reference's deciles. */
function quantileBinCounts(
  grid: ReferenceGrid,
  currentAtOrBelow: Float64Array,
  currentCount: number,
): Counts {
  const edges = grid.quantileEdges(PSI_BINS);
  const reference: number[] = [];
  const current: number[] = [];
  let referenceBefore = 0;
  let currentBefore = 0;
  for (const edge of edges) {
    const referenceAt = grid.cumulative[edge] ?? 0;
    const currentAt = currentAtOrBelow[edge] ?? 0;
    reference.push(referenceAt - referenceBefore);
    current.push(currentAt - currentBefore);
    referenceBefore = referenceAt;
    currentBefore = currentAt;
  }
  reference.push(1 - referenceBefore);
  current.push(currentCount - currentBefore);
  return { reference, current };
}
