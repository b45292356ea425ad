/**
 * Slices of a window's predictions by one feature: a categorical feature by each value, a
 * numerical one in quartile buckets of the window's own values. Values of rows without the
 * feature belong to no slice.
 */
import type { DriftValue } from '../api/contract.ts';
import { categoryKey } from '../drift/reference-summary.ts';

export const NUMERIC_SLICE_BUCKETS = 4;

export interface Slicing {
  readonly names: readonly string[];
  /** The slice a value belongs to, by its index in `names`. */
  sliceOf(value: DriftValue | undefined): number | undefined;
}

/** The slices of `feature`, from all the window's values of it. */
export function slicingOf(feature: string, values: readonly (DriftValue | undefined)[]): Slicing {
  const numeric = values.every((value) => value === undefined || value === null || typeof value === 'number');
  return numeric ? numericSlicing(feature, values) : categoricalSlicing(feature, values);
}

function categoricalSlicing(feature: string, values: readonly (DriftValue | undefined)[]): Slicing {
  const keys = new Set<string>();
  for (const value of values) {
    const key = value === undefined ? undefined : categoryKey(value);
    if (key !== undefined) keys.add(key);
  }
  const sorted = [...keys].sort();
  const index = new Map(sorted.map((key, i) => [key, i] as const));
  return {
    names: sorted.map((key) => `${feature}=${key}`),
    sliceOf: (value) => {
      const key = value === undefined ? undefined : categoryKey(value);
      return key === undefined ? undefined : index.get(key);
    },
  };
}

function numericSlicing(feature: string, values: readonly (DriftValue | undefined)[]): Slicing {
  const present = values.flatMap((value) => (typeof value === 'number' ? [value] : [])).sort((a, b) => a - b);
  if (present.length === 0) return { names: [], sliceOf: () => undefined };
  const edges: number[] = [];
  for (let bucket = 1; bucket < NUMERIC_SLICE_BUCKETS; bucket += 1) {
    const edge = present[Math.floor((bucket * present.length) / NUMERIC_SLICE_BUCKETS)] ?? 0;
    if (edge !== edges[edges.length - 1] && edge > (present[0] ?? 0)) edges.push(edge);
  }
  const lowers = [present[0] ?? 0, ...edges];
  return {
    names: lowers.map((lower, i) => `${feature} in [${lower}, ${i === edges.length ? '∞' : edges[i]})`),
    sliceOf: (value) => {
      if (typeof value !== 'number') return undefined;
      let bucket = 0;
      while (bucket < edges.length && value >= (edges[bucket] ?? Infinity)) bucket += 1;
      return bucket;
    },
  };
}
