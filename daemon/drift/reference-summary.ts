/**
 * Compact reference statistics of one column. Numerical: count, mean, population standard
 * deviation and up to REFERENCE_POINTS sorted points: every value while the column has at most
 * that many, else its quantiles at (i + 0.5) / REFERENCE_POINTS, so the stored CDF is within
 * 1 / (2·REFERENCE_POINTS) = 0.00005 of the full reference's everywhere (the KS statistic moves
 * by at most that; the Wasserstein distance by at most that times the reference's range).
 * Categorical: the count of each category.
 */
import type { DriftColumnType, DriftValue } from '../api/contract.ts';
import { invalidParameter } from '../store/tracking-error.ts';

export const REFERENCE_POINTS = 10_000;

export interface NumericReference {
  readonly type: 'numerical';
  /** Non-missing values in the full reference (what the KS p-value counts). */
  readonly count: number;
  readonly missing: number;
  readonly mean: number;
  readonly std: number;
  readonly points: Float64Array;
}

export interface CategoricalReference {
  readonly type: 'categorical';
  readonly count: number;
  readonly missing: number;
  readonly counts: ReadonlyMap<string, number>;
}

export type ReferenceSummary = NumericReference | CategoricalReference;

/** Numerical when every present value is a finite number; categorical otherwise. */
export function inferColumnType(values: readonly DriftValue[]): DriftColumnType {
  let seen = false;
  for (const value of values) {
    if (value === null) continue;
    if (typeof value !== 'number') return 'categorical';
    seen = true;
  }
  return seen ? 'numerical' : 'categorical';
}

/** A category's key: strings as they are, numbers and booleans as JSON writes them. */
export function categoryKey(value: DriftValue): string | undefined {
  if (value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function summarizeColumn(
  name: string,
  values: readonly DriftValue[],
  type: DriftColumnType,
): ReferenceSummary {
  if (type === 'categorical') {
    const counts = new Map<string, number>();
    let missing = 0;
    for (const value of values) {
      const key = categoryKey(value);
      if (key === undefined) missing += 1;
      else counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return { type, count: values.length - missing, missing, counts };
  }
  const present: number[] = [];
  values.forEach((value, row) => {
    if (value === null || (typeof value === 'number' && Number.isNaN(value))) return;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw invalidParameter(
        `Column '${name}', row ${row + 1}: expected a finite number, got ${JSON.stringify(value)}.`,
      );
    present.push(value);
  });
  return summarizeNumbers(Float64Array.from(present), values.length - present.length);
}

/** `values` holds only non-missing numbers; it is sorted in place. */
export function summarizeNumbers(values: Float64Array, missing: number): NumericReference {
  values.sort();
  const count = values.length;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = count > 0 ? sum / count : Number.NaN;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const std = count > 0 ? Math.sqrt(squares / count) : Number.NaN;
  let points = values;
  if (count > REFERENCE_POINTS) {
    points = new Float64Array(REFERENCE_POINTS);
    for (let i = 0; i < REFERENCE_POINTS; i += 1)
      points[i] = values[Math.floor(((i + 0.5) * count) / REFERENCE_POINTS)] ?? 0;
  }
  return { type: 'numerical', count, missing, mean, std, points };
}
