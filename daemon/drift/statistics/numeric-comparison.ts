/**
 * Compares a current window of numbers with a numerical reference in one pass over the window,
 * without sorting it: every value is counted against the reference's distinct values (equal to
 * one, or strictly between two neighbours, with the sum of those in between). From those counts
 * the KS statistic and the Wasserstein distance are exact for the stored reference points; only
 * the few between-bins where the two CDFs cross are sorted, to integrate them exactly.
 */
import type { ReferenceGrid } from './reference-grid.ts';

export interface NumericComparison {
  /** Non-missing current values compared. */
  readonly count: number;
  /** Two-sample KS statistic: the largest gap between the two CDFs. */
  readonly ks: number;
  /** Wasserstein-1 distance: the area between the two CDFs. */
  readonly wasserstein: number;
  /** Current count at or below each distinct reference value. */
  readonly currentAtOrBelow: Float64Array;
}

export function compareNumeric(grid: ReferenceGrid, current: Float64Array): NumericComparison {
  const { values, cumulative } = grid;
  const size = values.length;
  const { count, equal, between, sums, placement } = grid.countWindow(current);
  const currentAtOrBelow = new Float64Array(size);
  if (count === 0) return { count, ks: Number.NaN, wasserstein: Number.NaN, currentAtOrBelow };

  let ks = 0;
  let wasserstein = 0;
  const crossing: number[] = [];
  let running = 0;
  for (let k = 0; k <= size; k += 1) {
    const referenceBefore = k === 0 ? 0 : (cumulative[k - 1] ?? 0);
    const startShare = running / count;
    running += between[k] ?? 0;
    const endShare = running / count;
    ks = Math.max(ks, Math.abs(referenceBefore - endShare));
    if (k === 0) wasserstein += ((between[0] ?? 0) * (values[0] ?? 0) - (sums[0] ?? 0)) / count;
    else if (k === size) wasserstein += ((sums[k] ?? 0) - (between[k] ?? 0) * (values[k - 1] ?? 0)) / count;
    else {
      const left = values[k - 1] ?? 0;
      const right = values[k] ?? 0;
      const width = right - left;
      const integral = startShare * width + ((between[k] ?? 0) * right - (sums[k] ?? 0)) / count;
      if (referenceBefore <= startShare) wasserstein += integral - referenceBefore * width;
      else if (referenceBefore >= endShare) wasserstein += referenceBefore * width - integral;
      else crossing.push(k);
    }
    if (k < size) {
      running += equal[k] ?? 0;
      currentAtOrBelow[k] = running;
      ks = Math.max(ks, Math.abs((cumulative[k] ?? 0) - running / count));
    }
  }
  if (crossing.length > 0)
    wasserstein += crossingArea(grid, current, placement, crossing, currentAtOrBelow, count);
  return { count, ks, wasserstein, currentAtOrBelow };
}

/** The area between the CDFs inside the between-bins where they cross, from the sorted values there. */
function crossingArea(
  grid: ReferenceGrid,
  current: Float64Array,
  placement: Int32Array,
  crossing: readonly number[],
  currentAtOrBelow: Float64Array,
  count: number,
): number {
  const isCrossing = new Uint8Array(grid.values.length + 1);
  for (const k of crossing) isCrossing[k] = 1;
  const members = new Map<number, number[]>(crossing.map((k) => [k, []]));
  for (let i = 0; i < current.length; i += 1) {
    const k = placement[i] as number;
    if (k >= 0 && isCrossing[k] === 1) members.get(k)?.push(current[i] as number);
  }
  let area = 0;
  for (const [k, inBin] of members) {
    inBin.sort((a, b) => a - b);
    const level = grid.cumulative[k - 1] ?? 0;
    let position = grid.values[k - 1] ?? 0;
    let share = (currentAtOrBelow[k - 1] ?? 0) / count;
    for (const value of inBin) {
      area += Math.abs(level - share) * (value - position);
      position = value;
      share += 1 / count;
    }
    area += Math.abs(level - share) * ((grid.values[k] ?? 0) - position);
  }
  return area;
}
