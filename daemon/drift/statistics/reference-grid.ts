/**
 * Lookup cells per distinct reference value: enough that most cells hold none, so most values
 * find their place with one table read and no search.
 */
const CELLS_PER_VALUE = 16;

/** Where the values of a window fall among the reference's distinct values. */
export interface WindowCounts {
  /** Non-missing values counted. */
  count: number;
  /** Values equal to each distinct reference value. */
  equal: Float64Array;
  /** Values strictly between distinct values k - 1 and k (0: below all, size: above all), and their sums. */
  between: Float64Array;
  sums: Float64Array;
  /** Per value: the between-bin it fell in, or -1 (equal to a reference value, or missing). */
  placement: Int32Array;
}

/**
 * A numerical reference as a step CDF over its distinct values, with a lookup table that finds
 * where a current value falls in a few steps instead of a full binary search: the range is cut
 * into equal cells, and each cell remembers which distinct values it holds.
 */

export class ReferenceGrid {
  /** Distinct reference values, ascending. */
  readonly values: Float64Array;
  /** Share of the reference at or below each distinct value. */
  readonly cumulative: Float64Array;
  readonly #low: number;
  readonly #scale: number;
  readonly #cells: number;
  /** `cellStart[g]`: the first distinct value whose cell is g or later. */
  readonly #cellStart: Int32Array;

  /** `sortedPoints`: the stored reference points, ascending, each of equal weight. */
  constructor(sortedPoints: Float64Array) {
    const distinct: number[] = [];
    const cumulative: number[] = [];
    const total = sortedPoints.length;
    for (let i = 0; i < total; i += 1) {
      const value = sortedPoints[i] ?? 0;
      if (distinct.length > 0 && distinct[distinct.length - 1] === value)
        cumulative[cumulative.length - 1] = (i + 1) / total;
      else {
        distinct.push(value);
        cumulative.push((i + 1) / total);
      }
    }
    this.values = Float64Array.from(distinct);
    this.cumulative = Float64Array.from(cumulative);
    const count = this.values.length;
    this.#low = this.values[0] ?? 0;
    const high = this.values[count - 1] ?? 0;
    this.#cells = Math.max(1, CELLS_PER_VALUE * count);
    this.#scale = high > this.#low ? this.#cells / (high - this.#low) : 0;
    this.#cellStart = new Int32Array(this.#cells + 1);
    let k = 0;
    for (let g = 0; g <= this.#cells; g += 1) {
      while (k < count && this.#cellOf(this.values[k] ?? 0) < g) k += 1;
      this.#cellStart[g] = k;
    }
  }

  #cellOf(value: number): number {
    const cell = Math.floor((value - this.#low) * this.#scale);
    return cell < 0 ? 0 : cell >= this.#cells ? this.#cells - 1 : cell;
  }

  /**
   * Counts a window against the distinct values in one pass. The hot loop of the drift engine:
   * a value's cell says which distinct values it can be near; most cells hold at most one, so
   * one comparison places the value (a binary search only in crowded cells).
   */
  countWindow(current: Float64Array): WindowCounts {
    const values = this.values;
    const size = values.length;
    const cells = this.#cells;
    const cellStart = this.#cellStart;
    const low = this.#low;
    const high = size > 0 ? (values[size - 1] as number) : 0;
    const scale = this.#scale;
    const equal = new Float64Array(size);
    const between = new Float64Array(size + 1);
    const sums = new Float64Array(size + 1);
    const placement = new Int32Array(current.length).fill(-1);
    let count = 0;
    for (let i = 0; i < current.length; i += 1) {
      const value = current[i] as number;
      if (value !== value) continue;
      count += 1;
      let k: number;
      if (value < low) k = 0;
      else if (value > high) k = size;
      else {
        let cell = Math.floor((value - low) * scale);
        if (cell >= cells) cell = cells - 1;
        k = cellStart[cell] as number;
        let end = cellStart[cell + 1] as number;
        if (end - k > 1) {
          while (k < end) {
            const middle = (k + end) >>> 1;
            if ((values[middle] as number) < value) k = middle + 1;
            else end = middle;
          }
        } else if (k < end && (values[k] as number) < value) k += 1;
        if (values[k] === value) {
          equal[k] = (equal[k] as number) + 1;
          continue;
        }
      }
      between[k] = (between[k] as number) + 1;
      sums[k] = (sums[k] as number) + value;
      placement[i] = k;
    }
    return { count, equal, between, sums, placement };
  }

  /** Indices of the distinct values that close `bins` reference-quantile bins (inverse ECDF at i/bins). */
  quantileEdges(bins: number): number[] {
    const edges: number[] = [];
    let k = 0;
    for (let i = 1; i < bins; i += 1) {
      const level = i / bins - 1e-12;
      while (k < this.values.length - 1 && (this.cumulative[k] ?? 1) < level) k += 1;
      if (edges[edges.length - 1] !== k) edges.push(k);
    }
    if (edges.length === 0) edges.push(0);
    return edges;
  }
}
