/** Histogram bins of the drift dashboard: shared edges, shares per side, categories with "(other)". */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  categoricalHistogram,
  HISTOGRAM_BINS,
  MAX_CATEGORIES,
  numericHistogram,
  OTHER_CATEGORY,
} from '../../daemon/drift/feature-histogram.ts';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('numeric histogram', () => {
  it('bins both sides on equal-width edges over the range both cover', () => {
    const reference = Float64Array.from({ length: 100 }, (_, i) => i / 10); // 0 … 9.9
    const current = [5, 15, 20, null, 'x', Number.NaN];
    const histogram = numericHistogram('income', reference, current);
    const edges = histogram.edges ?? [];
    assert.equal(edges.length, HISTOGRAM_BINS + 1);
    assert.equal(edges[0], 0);
    assert.equal(edges[HISTOGRAM_BINS], 20);
    assert.equal(histogram.reference.length, HISTOGRAM_BINS);
    // Reference values 0 … 9.9 fill the first ten bins (width 1) with 10 points each.
    assert.deepEqual(histogram.reference.slice(0, 10), new Array(10).fill(0.1));
    assert.deepEqual(histogram.reference.slice(10), new Array(10).fill(0));
    // Missing and non-numbers are left out of the current shares; the maximum lands in the last bin.
    assert.equal(histogram.current[5], 1 / 3);
    assert.equal(histogram.current[15], 1 / 3);
    assert.equal(histogram.current[HISTOGRAM_BINS - 1], 1 / 3);
    assert.ok(Math.abs(sum(histogram.current) - 1) < 1e-12);
  });

  it('a constant column is one bin; an empty one has none', () => {
    const constant = numericHistogram('c', Float64Array.from([3, 3, 3]), [3, 3]);
    assert.deepEqual(constant.edges, [3, 3]);
    assert.deepEqual(constant.reference, [1]);
    assert.deepEqual(constant.current, [1]);
    const empty = numericHistogram('e', new Float64Array(0), [null]);
    assert.deepEqual([empty.edges, empty.reference, empty.current], [[], [], []]);
  });

  it('a window with no values has zero shares, never NaN', () => {
    const histogram = numericHistogram('x', Float64Array.from([1, 2]), [null, null]);
    assert.ok(histogram.current.every((share) => share === 0));
  });
});

describe('categorical histogram', () => {
  it('lists categories of both sides, the most common first', () => {
    const reference = new Map([
      ['basic', 6],
      ['pro', 4],
    ]);
    const histogram = categoricalHistogram('plan', reference, ['pro', 'pro', 'team', null, true]);
    assert.deepEqual(histogram.categories, ['pro', 'basic', 'team', 'true']);
    assert.deepEqual(histogram.reference, [0.4, 0.6, 0, 0]);
    assert.deepEqual(histogram.current, [0.5, 0, 0.25, 0.25]);
  });

  it('puts the rest together as (other) past the limit', () => {
    const reference = new Map(Array.from({ length: 30 }, (_, i) => [`c${i}`, 30 - i] as const));
    const histogram = categoricalHistogram('city', reference, ['c0', 'c1', 'c0', 'c2']);
    const categories = histogram.categories ?? [];
    assert.equal(categories.length, MAX_CATEGORIES);
    assert.equal(categories.at(-1), OTHER_CATEGORY);
    assert.ok(Math.abs(sum(histogram.reference) - 1) < 1e-12);
    assert.ok(Math.abs(sum(histogram.current) - 1) < 1e-12);
    // c11 … c29 (counts 19 … 1 of 465) are the rest; the window has none of them.
    assert.ok(Math.abs((histogram.reference.at(-1) ?? 0) - 190 / 465) < 1e-12);
    assert.equal(histogram.current.at(-1), 0);
  });
});
