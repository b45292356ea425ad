/**
 * Slices of a window's predictions by one feature: a categorical feature by each value, a
 * numerical one in quartile buckets of the window's own values. Rows without the feature are
 * left out of its slices.
 */
import type { DriftValue } from '../api/contract.ts';
import { categoryKey } from '../drift/reference-summary.ts';

export const NUMERIC_SLICE_BUCKETS = 4;

export interface SliceRows {
  slice: string;
  rows: number[];
}

export function slicesOf(feature: string, values: readonly (DriftValue | undefined)[]): SliceRows[] {
  const numeric = values.every((value) => value === undefined || value === null || typeof value === 'number');
  return numeric ? numericSlices(feature, values) : categoricalSlices(feature, values);
}

function categoricalSlices(feature: string, values: readonly (DriftValue | undefined)[]): SliceRows[] {
  const byValue = new Map<string, number[]>();
  values.forEach((value, row) => {
    const key = value === undefined ? undefined : categoryKey(value);
    if (key === undefined) return;
    const rows = byValue.get(key) ?? [];
    rows.push(row);
    byValue.set(key, rows);
  });
  return [...byValue.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, rows]) => ({ slice: `${feature}=${value}`, rows }));
}

function numericSlices(feature: string, values: readonly (DriftValue | undefined)[]): SliceRows[] {
  const present = values.flatMap((value) => (typeof value === 'number' ? [value] : [])).sort((a, b) => a - b);
  if (present.length === 0) return [];
  const edges: number[] = [];
  for (let bucket = 1; bucket < NUMERIC_SLICE_BUCKETS; bucket += 1) {
    const edge = present[Math.floor((bucket * present.length) / NUMERIC_SLICE_BUCKETS)] ?? 0;
    if (edge !== edges[edges.length - 1] && edge > (present[0] ?? 0)) edges.push(edge);
  }
  const bounds = [present[0] ?? 0, ...edges, Infinity];
  const slices: SliceRows[] = bounds.slice(0, -1).map((lower, index) => ({
    slice: `${feature} in [${lower}, ${index === bounds.length - 2 ? '∞' : bounds[index + 1]})`,
    rows: [],
  }));
  values.forEach((value, row) => {
    if (typeof value !== 'number') return;
    let bucket = 0;
    while (bucket < edges.length && value >= (edges[bucket] ?? Infinity)) bucket += 1;
    slices[bucket]?.rows.push(row);
  });
  return slices;
}
