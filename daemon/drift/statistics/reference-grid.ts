/**
 * Lookup cells per distinct reference value: enough that most cells hold at most one, few
 * enough that the table (16-bit entries) stays in the processor's cache.
 */
const CELLS_PER_VALUE = 8;

/** Marks a cell holding more than one distinct value in the cell table's 16-bit entries. */
const CROWDED_CELL = 0x8000;

/** The most distinct values a grid takes: its indices fit the cell table beside CROWDED_CELL. */
export const MAX_DISTINCT_VALUES = CROWDED_CELL - 1;

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
  /** The distinct values and a NaN after them, so that reading one past the last is a number. */
  readonly #padded: Float64Array;
  readonly #low: number;
  readonly #scale: number;
  readonly #cells: number;
  /**
   * Per cell: the first distinct value whose cell is this one or later, with CROWDED_CELL set
   * when the cell holds more than one distinct value. Entry `cells` closes the last cell.
   */
  readonly #cellTable: Uint16Array;

  /** `sortedPoints`: the stored reference points, ascending, each of equal weight. */
  constructor(sortedPoints: Float64Array) {
    const total = sortedPoints.length;
    const padded = new Float64Array(total + 1);
    const cumulative = new Float64Array(total);
    let count = 0;
    for (let i = 0; i < total; i += 1) {
      const value = sortedPoints[i] as number;
      if (count === 0 || padded[count - 1] !== value) {
        padded[count] = value;
        count += 1;
      }
      cumulative[count - 1] = (i + 1) / total;
    }
    if (count > MAX_DISTINCT_VALUES)
      throw new RangeError(
        `A reference grid takes at most ${MAX_DISTINCT_VALUES} distinct values, not ${count}.`,
      );
    padded[count] = Number.NaN;
    this.#padded = padded.slice(0, count + 1);
    this.values = padded.slice(0, count);
    this.cumulative = cumulative.slice(0, count);
    this.#low = this.values[0] ?? 0;
    const high = this.values[count - 1] ?? 0;
    this.#cells = Math.max(1, CELLS_PER_VALUE * count);
    this.#scale = high > this.#low ? this.#cells / (high - this.#low) : 0;
    const table = new Uint16Array(this.#cells + 1);
    let k = 0;
    for (let g = 0; g <= this.#cells; g += 1) {
      while (k < count && this.#cellOf(this.values[k] as number) < g) k += 1;
      table[g] = k;
    }
    for (let g = 0; g < this.#cells; g += 1)
      if ((table[g + 1] as number) - (table[g] as number) > 1) table[g] = (table[g] as number) | CROWDED_CELL;
    this.#cellTable = table;
  }

  #cellOf(value: number): number {
    const cell = Math.floor((value - this.#low) * this.#scale);
    return cell < 0 ? 0 : cell >= this.#cells ? this.#cells - 1 : cell;
  }

  /**
   * Counts a window against the distinct values in one pass: the hot loop of the drift engine.
   * A value's cell (its scaled offset, truncated) names the one distinct value it can equal or
   * pass; the loop has no branch but the loop's own, so the processor never mispredicts on
   * random data: missing values, equal values and values in crowded cells are masked out of the
   * counts by arithmetic. Values in crowded cells (rare) are placed afterwards by halving.
   */
  countWindow(current: Float64Array): WindowCounts {
    const size = this.values.length;
    const padded = this.#padded;
    const lastCell = this.#cells - 1;
    const table = this.#cellTable;
    const low = this.#low;
    const scale = this.#scale;
    // Per bin k, side by side (one cache line per value): the count and sum of the values
    // strictly between distinct values k - 1 and k, and the count of those equal to value k.
    const bins = new Float64Array(3 * (size + 1));
    const length = current.length;
    const placement = new Uint16Array(length);
    const crowded = new Int32Array(length);
    let crowdedCount = 0;
    let missing = 0;
    for (let i = 0; i < length; i += 1) {
      const value = current[i] as number;
      // NaN stays NaN through min and max and truncates to cell 0.
      const cell = Math.min(Math.max((value - low) * scale, 0), lastCell) | 0;
      const entry = table[cell] as number;
      const first = entry & ~CROWDED_CELL;
      const inCrowd = entry >>> 15;
      const candidate = padded[first] as number;
      const isMissing = value !== value ? 1 : 0;
      const isEqual = (value === candidate ? 1 : 0) & (1 - inCrowd);
      const skip = isMissing | isEqual | inCrowd;
      const k = first + (value > candidate ? 1 : 0);
      // An equal value never passes its candidate, so k is `first` then.
      bins[3 * k] = (bins[3 * k] as number) + (1 - skip);
      bins[3 * k + 1] = (bins[3 * k + 1] as number) + (skip === 0 ? value : 0);
      bins[3 * k + 2] = (bins[3 * k + 2] as number) + isEqual;
      placement[i] = skip === 0 ? k : NOT_BETWEEN;
      crowded[crowdedCount] = i;
      crowdedCount += inCrowd & (1 - isMissing);
      missing += isMissing;
    }
    for (let c = 0; c < crowdedCount; c += 1) {
      const i = crowded[c] as number;
      const value = current[i] as number;
      const cell = Math.min(Math.max((value - low) * scale, 0), lastCell) | 0;
      let k = (table[cell] as number) & ~CROWDED_CELL;
      let end = (table[cell + 1] as number) & ~CROWDED_CELL;
      if (cell === lastCell) end = size;
      while (k < end) {
        const middle = (k + end) >>> 1;
        if ((padded[middle] as number) < value) k = middle + 1;
        else end = middle;
      }
      if (padded[k] === value) bins[3 * k + 2] = (bins[3 * k + 2] as number) + 1;
      else {
        bins[3 * k] = (bins[3 * k] as number) + 1;
        bins[3 * k + 1] = (bins[3 * k + 1] as number) + value;
        placement[i] = k;
      }
    }
    const equal = new Float64Array(size);
    const between = new Float64Array(size + 1);
    const sums = new Float64Array(size + 1);
    for (let k = 0; k <= size; k += 1) {
      between[k] = bins[3 * k] as number;
      sums[k] = bins[3 * k + 1] as number;
      if (k < size) equal[k] = bins[3 * k + 2] as number;
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
