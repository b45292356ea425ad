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
    this.#cells = Math.max(1, 4 * count);
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

  /** The index of the first distinct value ≥ `value` (`values.length` when none is). */
  firstAtLeast(value: number): number {
    const values = this.values;
    if (value <= this.#low) return 0;
    if (value > (values[values.length - 1] ?? 0)) return values.length;
    const cell = this.#cellOf(value);
    let lowIndex = this.#cellStart[cell] ?? 0;
    let highIndex = this.#cellStart[cell + 1] ?? values.length;
    while (lowIndex < highIndex) {
      const middle = (lowIndex + highIndex) >>> 1;
      if ((values[middle] ?? 0) < value) lowIndex = middle + 1;
      else highIndex = middle;
    }
    return lowIndex;
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
