/**
 * A feature's reference and current distributions on shared bins, for the drift dashboard.
 * Numbers: HISTOGRAM_BINS equal-width bins over the range both sides cover (the reference's
 * stored points stand for equal shares of it). Categories: the most common ones of both sides,
 * the rest together as OTHER_CATEGORY. Each side is given as shares of its non-missing values.
 */
import type { DriftValue, FeatureHistogram } from '../api/contract.ts';
import { categoryKey, type ReferenceSummary } from './reference-summary.ts';

export const HISTOGRAM_BINS = 20;
export const MAX_CATEGORIES = 12;
export const OTHER_CATEGORY = '(other)';

export function featureHistogram(
  feature: string,
  reference: ReferenceSummary,
  current: readonly DriftValue[],
): FeatureHistogram {
  return reference.type === 'numerical'
    ? numericHistogram(feature, reference.points, current)
    : categoricalHistogram(feature, reference.counts, current);
}

function shares(counts: readonly number[], total: number): number[] {
  return counts.map((count) => (total > 0 ? count / total : 0));
}

export function numericHistogram(
  feature: string,
  referencePoints: Float64Array,
  current: readonly DriftValue[],
): FeatureHistogram {
  const values = current.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let low = Infinity;
  let high = -Infinity;
  for (const value of [...referencePoints, ...values]) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low === Infinity) return { feature, type: 'numerical', edges: [], reference: [], current: [] };
  const bins = high > low ? HISTOGRAM_BINS : 1;
  const width = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + i * width));
  const binOf = (value: number): number =>
    width === 0 ? 0 : Math.min(bins - 1, Math.floor((value - low) / width));
  const referenceCounts = new Array<number>(bins).fill(0);
  const currentCounts = new Array<number>(bins).fill(0);
  const count = (counts: number[], value: number): void => {
    const bin = binOf(value);
    counts[bin] = (counts[bin] ?? 0) + 1;
  };
  for (const value of referencePoints) count(referenceCounts, value);
  for (const value of values) count(currentCounts, value);
  return {
    feature,
    type: 'numerical',
    edges,
    reference: shares(referenceCounts, referencePoints.length),
    current: shares(currentCounts, values.length),
  };
}

export function categoricalHistogram(
  feature: string,
  referenceCounts: ReadonlyMap<string, number>,
  current: readonly DriftValue[],
): FeatureHistogram {
  const currentCounts = new Map<string, number>();
  let currentTotal = 0;
  for (const value of current) {
    const key = categoryKey(value);
    if (key === undefined) continue;
    currentCounts.set(key, (currentCounts.get(key) ?? 0) + 1);
    currentTotal += 1;
  }
  let referenceTotal = 0;
  for (const count of referenceCounts.values()) referenceTotal += count;
  const share = (counts: ReadonlyMap<string, number>, total: number, key: string): number =>
    total > 0 ? (counts.get(key) ?? 0) / total : 0;
  const keys = [...new Set([...referenceCounts.keys(), ...currentCounts.keys()])];
  const weight = (key: string): number =>
    share(referenceCounts, referenceTotal, key) + share(currentCounts, currentTotal, key);
  keys.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
  const shown = keys.length > MAX_CATEGORIES ? keys.slice(0, MAX_CATEGORIES - 1) : keys;
  const reference = shown.map((key) => share(referenceCounts, referenceTotal, key));
  const currentShares = shown.map((key) => share(currentCounts, currentTotal, key));
  const categories = [...shown];
  if (shown.length < keys.length) {
    categories.push(OTHER_CATEGORY);
    reference.push(Math.max(0, 1 - reference.reduce((a, b) => a + b, 0)));
    currentShares.push(Math.max(0, 1 - currentShares.reduce((a, b) => a + b, 0)));
  }
  return { feature, type: 'categorical', categories, reference, current: currentShares };
}
