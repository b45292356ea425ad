/**
 * Lookup cells per distinct reference value: enough that most cells hold at most one, few
 * enough that the table (16-bit entries) stays in the processor's cache.
 */
const CELLS_PER_VALUE = 16;

/** The most distinct values a grid takes: its indices, and `NOT_BETWEEN`, fit 16 bits. */
export const MAX_DISTINCT_VALUES = 65_534;

/** `placement` of a value that equals a reference value or is missing. */
export const NOT_BETWEEN = 0xffff;

/** Where the values of a window fall among the reference's distinct values. */
export interface WindowCounts {
  /** Non-missing values counted. */
  count: number;
  /** Values equal to each distinct reference value. */
  equal: Float64Array;
  /** Values strictly between distinct values k - 1 and k (0: below all, size: above all), and their sums. */
  between: Float64Array;
  sums: Float64Array;
  /** Per value: the between-bin it fell in, or NOT_BETWEEN (equal to a reference value, or missing). */
  placement: Uint16Array;
}

/**
 * A numerical reference as a step CDF over its distinct values, with a direct-address table
 * that finds where a current value falls without a full binary search: the reference's range
 * is cut into equal cells, and each cell remembers the first distinct value at or after it.
 */
export class ReferenceGrid {
  /** Distinct reference values, ascending. */
  readonly values: Float64Array;
  /** Share of the reference at or below each distinct value. */
  readonly cumulative: Float64Array;
  readonly #low: number;
  readonly #scale: number;
  readonly #cells: number;
  /** `cellStart[g]`: the first distinct value whose cell is g or later (g = cells: all of them). */
  readonly #cellStart: Uint16Array;

  /** `sortedPoints`: the stored reference points, ascending, each of equal weight. */
  constructor(sortedPoints: Float64Array) {
    const total = sortedPoints.length;
    const values = new Float64Array(total);
    const cumulative = new Float64Array(total);
    let count = 0;
    for (let i = 0; i < total; i += 1) {
      const value = sortedPoints[i] as number;
      if (count === 0 || values[count - 1] !== value) {
        values[count] = value;
        count += 1;
      }
      cumulative[count - 1] = (i + 1) / total;
    }
    if (count > MAX_DISTINCT_VALUES)
      throw new RangeError(
        `A reference grid takes at most ${MAX_DISTINCT_VALUES} distinct values, not ${count}.`,
      );
    this.values = values.slice(0, count);
    this.cumulative = cumulative.slice(0, count);
    this.#low = this.values[0] ?? 0;
    const high = this.values[count - 1] ?? 0;
    this.#cells = Math.max(1, CELLS_PER_VALUE * count);
    this.#scale = high > this.#low ? this.#cells / (high - this.#low) : 0;
    this.#cellStart = new Uint16Array(this.#cells + 1);
    let k = 0;
    for (let g = 0; g <= this.#cells; g += 1) {
      while (k < count && this.#cellOf(this.values[k] as number) < g) k += 1;
      this.#cellStart[g] = k;
    }
  }

  #cellOf(value: number): number {
    const cell = Math.floor((value - this.#low) * this.#scale);
    return cell < 0 ? 0 : cell >= this.#cells ? this.#cells - 1 : cell;
  }

  /**
   * Counts a window against the distinct values in one pass: the hot loop of the drift engine.
   * A value's cell (its scaled offset, truncated) names the first distinct value it can be near;
   * most cells hold at most one, so a comparison or two places the value, and a crowded cell is
   * searched by halving.
   */
  countWindow(current: Float64Array): WindowCounts {
    const values = this.values;
    const size = values.length;
    const lastCell = this.#cells - 1;
    const cellStart = this.#cellStart;
    const low = this.#low;
    const high = size > 0 ? (values[size - 1] as number) : 0;
    const scale = this.#scale;
    const equal = new Float64Array(size);
    // Count and sum of each between-bin side by side: one cache line per placed value.
    const bins = new Float64Array(2 * (size + 1));
    const length = current.length;
    const placement = new Uint16Array(length);
    let missing = 0;
    for (let i = 0; i < length; i += 1) {
      const value = current[i] as number;
      let k: number;
      if (value >= low) {
        if (value > high) k = size;
        else {
          let cell = ((value - low) * scale) | 0;
          if (cell > lastCell) cell = lastCell;
          k = cellStart[cell] as number;
          let end = cellStart[cell + 1] as number;
          if (end - k <= 1) k += (values[k] as number) < value ? 1 : 0;
          else
            while (k < end) {
              const middle = (k + end) >>> 1;
              if ((values[middle] as number) < value) k = middle + 1;
              else end = middle;
            }
          if (values[k] === value) {
            equal[k] = (equal[k] as number) + 1;
            placement[i] = NOT_BETWEEN;
            continue;
          }
        }
      } else if (value < low) k = 0;
      else {
        missing += 1;
        placement[i] = NOT_BETWEEN;
        continue;
      }
      bins[2 * k] = (bins[2 * k] as number) + 1;
      bins[2 * k + 1] = (bins[2 * k + 1] as number) + value;
      placement[i] = k;
    }
    const between = new Float64Array(size + 1);
    const sums = new Float64Array(size + 1);
    for (let k = 0; k <= size; k += 1) {
      between[k] = bins[2 * k] as number;
      sums[k] = bins[2 * k + 1] as number;
    }
    return { count: length - missing, equal, between, sums, placement };
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
