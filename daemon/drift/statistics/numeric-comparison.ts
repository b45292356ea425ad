/**
 * Compares a current window of numbers with a numerical reference in one pass over the window,
 * without sorting it: every value is counted against the reference's distinct values (equal to
 * one, or strictly between two neighbours, with the sum of those in between). From those counts
 * the KS statistic and the Wasserstein distance are exact for the stored reference points; only
 * the few between-bins where the two CDFs cross are sorted, to integrate them exactly.
 */
import { NOT_BETWEEN, type ReferenceGrid } from './reference-grid.ts';

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
    wasserstein += crossingArea(grid, current, placement, crossing, between, currentAtOrBelow, count);
  return { count, ks, wasserstein, currentAtOrBelow };
}

/**
 * The area between the CDFs inside the between-bins where they cross: the values there are
 * gathered into one array, bin after bin (a counting sort by bin), and each bin's run sorted.
 */
function crossingArea(
  grid: ReferenceGrid,
  current: Float64Array,
  placement: Uint16Array,
  crossing: readonly number[],
  between: Float64Array,
  currentAtOrBelow: Float64Array,
  count: number,
): number {
  const next = new Int32Array(grid.values.length + 1).fill(-1);
  let gathered = 0;
  for (const k of crossing) {
    next[k] = gathered;
    gathered += between[k] as number;
  }
  const members = new Float64Array(gathered);
  for (let i = 0; i < placement.length; i += 1) {
    const k = placement[i] as number;
    if (k === NOT_BETWEEN) continue;
    const at = next[k] as number;
    if (at < 0) continue;
    members[at] = current[i] as number;
    next[k] = at + 1;
  }
  let area = 0;
  let start = 0;
  for (const k of crossing) {
    const end = start + (between[k] as number);
    const inBin = members.subarray(start, end).sort();
    start = end;
    const level = grid.cumulative[k - 1] as number;
    let position = grid.values[k - 1] as number;
    let share = (currentAtOrBelow[k - 1] as number) / count;
    for (const value of inBin) {
      area += Math.abs(level - share) * (value - position);
      position = value;
      share += 1 / count;
    }
    area += Math.abs(level - share) * ((grid.values[k] as number) - position);
  }
  return area;
}
