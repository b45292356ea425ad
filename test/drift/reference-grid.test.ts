/**
 * The reference grid's one-pass placement against a plain binary search over the distinct
 * values, on data that reaches every path: heavy tails (cells crowded with distinct values),
 * ties with the reference, values outside its range, missing values, a constant reference.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NOT_BETWEEN,
  ReferenceGrid,
  type WindowCounts,
} from '../../daemon/drift/statistics/reference-grid.ts';
import { seededRandom } from '../robustness/seeded-random.ts';

/** Counts by binary search: the first distinct value at or above each value. */
function plainCounts(values: Float64Array, current: Float64Array): WindowCounts {
  const size = values.length;
  const equal = new Float64Array(size);
  const between = new Float64Array(size + 1);
  const sums = new Float64Array(size + 1);
  const placement = new Uint16Array(current.length).fill(NOT_BETWEEN);
  let count = 0;
  current.forEach((value, i) => {
    if (Number.isNaN(value)) return;
    count += 1;
    let k = 0;
    let end = size;
    while (k < end) {
      const middle = (k + end) >>> 1;
      if ((values[middle] as number) < value) k = middle + 1;
      else end = middle;
    }
    if (values[k] === value) equal[k] = (equal[k] as number) + 1;
    else {
      between[k] = (between[k] as number) + 1;
      sums[k] = (sums[k] as number) + value;
      placement[i] = k;
    }
  });
  return { count, equal, between, sums, placement };
}

/** Field by field, failing at the first differing element (a whole-array diff would take minutes). */
function assertSameCounts(actual: WindowCounts, expected: WindowCounts): void {
  assert.equal(actual.count, expected.count, 'count');
  for (const field of ['equal', 'between', 'sums', 'placement'] as const) {
    const a = actual[field];
    const e = expected[field];
    assert.equal(a.length, e.length, `${field}: length`);
    const at = a.findIndex((value, i) => !Object.is(value, e[i]));
    assert.equal(at, -1, `${field}[${at}]: ${a[at]} instead of ${e[at]}`);
  }
}

function sorted(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

test('placement matches a binary search on crowded cells, ties, outliers and missing values', () => {
  const random = seededRandom(77);
  // Most of the reference in a sliver at the bottom of its range: many distinct values per cell there.
  const draw = (): number => (random() < 0.6 ? random() * 0.001 : Math.round(Math.exp(7 * random())));
  const reference = sorted(Array.from({ length: 5000 }, draw));
  const current = Float64Array.from({ length: 60_000 }, (_, i) => {
    if (i % 97 === 0) return Number.NaN;
    if (i % 89 === 0) return reference[i % reference.length] as number;
    if (i % 83 === 0) return -1e300;
    if (i % 79 === 0) return 1e300;
    return draw();
  });
  const grid = new ReferenceGrid(reference);
  assertSameCounts(grid.countWindow(current), plainCounts(grid.values, current));
});

test('a constant reference and a reference of two values place every value', () => {
  for (const reference of [sorted([5, 5, 5]), sorted([1, 2])]) {
    const current = Float64Array.from([0, 1, 1.5, 2, 3, 5, 6, Number.NaN, -Infinity, Infinity]);
    const grid = new ReferenceGrid(reference);
    assertSameCounts(grid.countWindow(current), plainCounts(grid.values, current));
  }
});
