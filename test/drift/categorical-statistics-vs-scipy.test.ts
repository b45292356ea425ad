/**
 * Chi-squared, Jensen-Shannon, PSI and the Z-test on category counts against scipy on the same
 * generated data: a category only one side has, a single category, tiny samples, binary
 * features, and numbers with few distinct values (compared as categories, as Evidently does).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DriftValue } from '../../daemon/api/contract.ts';
import { categoricalFeatureDrift, numericFeatureDrift } from '../../daemon/drift/feature-drift.ts';
import { summarizeColumn, summarizeNumbers } from '../../daemon/drift/reference-summary.ts';
import { closeToScipy, NO_SCIPY, runScipy, scipyPython, seededRandom } from './scipy-reference.ts';

const python = scipyPython();

const SCRIPT = `
import json, sys
import numpy as np
from scipy.stats import chisquare, norm
from scipy.spatial.distance import jensenshannon
cases = json.load(open(sys.argv[1]))
out = []
for c in cases:
    ref = np.array(c['ref'], dtype=float); cur = np.array(c['cur'], dtype=float)
    with np.errstate(divide='ignore', invalid='ignore'):
        chi = chisquare(cur, ref * cur.sum() / ref.sum()).pvalue if len(ref) > 1 else 1.0
    js = jensenshannon(ref, cur)
    rs = ref / ref.sum(); cs = cur / cur.sum()
    rs = np.where(rs == 0, 0.0001, rs); cs = np.where(cs == 0, 0.0001, cs)
    psi = float(np.sum((rs - cs) * np.log(rs / cs)))
    z = None
    if len(ref) <= 2:
        n1, n2 = ref.sum(), cur.sum(); p1, p2 = ref[0] / n1, cur[0] / n2
        pooled = (ref[0] + cur[0]) / (n1 + n2)
        var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        z = 1.0 if var == 0 else float(2 * (1 - norm.cdf(abs((p1 - p2) / np.sqrt(var)))))
    out.append(dict(chi=float(chi), js=float(js), psi=psi, z=z))
json.dump(out, open(sys.argv[2], 'w'))
`;

interface ScipyCategorical {
  chi: number;
  js: number;
  psi: number;
  z: number | null;
}

function draw(random: () => number, size: number, categories: string[], weights: number[]): string[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return Array.from({ length: size }, () => {
    let u = random() * total;
    for (let i = 0; i < categories.length; i += 1) {
      u -= weights[i] ?? 0;
      if (u <= 0) return categories[i] ?? '';
    }
    return categories[categories.length - 1] ?? '';
  });
}

function cases(): { name: string; ref: DriftValue[]; cur: DriftValue[] }[] {
  const random = seededRandom(99);
  const colours = ['red', 'green', 'blue', 'amber'];
  return [
    {
      name: 'same mix',
      ref: draw(random, 900, colours, [4, 3, 2, 1]),
      cur: draw(random, 500, colours, [4, 3, 2, 1]),
    },
    {
      name: 'shifted mix',
      ref: draw(random, 800, colours, [4, 3, 2, 1]),
      cur: draw(random, 700, colours, [1, 2, 3, 4]),
    },
    {
      name: 'a category the reference never saw',
      ref: draw(random, 300, ['a', 'b'], [1, 1]).concat(['c']),
      cur: draw(random, 200, ['a', 'b', 'c', 'd'], [3, 3, 1, 1]),
    },
    {
      name: 'a reference category missing now (empty bin)',
      ref: draw(random, 400, colours, [1, 1, 1, 1]),
      cur: draw(random, 300, ['red', 'green'], [1, 1]),
    },
    {
      name: 'binary',
      ref: draw(random, 600, ['yes', 'no'], [3, 1]),
      cur: draw(random, 500, ['yes', 'no'], [2, 1]),
    },
    { name: 'binary, one value each', ref: ['yes'], cur: ['no'] },
    { name: 'binary, tiny', ref: ['yes', 'no'], cur: ['yes', 'yes'] },
    { name: 'a single category on both sides', ref: ['k', 'k', 'k'], cur: ['k', 'k'] },
    {
      name: 'large, shifted',
      ref: draw(random, 5000, colours, [5, 3, 1, 1]),
      cur: draw(random, 8000, colours, [5, 3, 2, 1]),
    },
  ];
}

function countsOf(ref: DriftValue[], cur: DriftValue[]): { ref: number[]; cur: number[] } {
  const keys = [...new Set([...ref, ...cur].map(String))].sort();
  const count = (values: DriftValue[], key: string): number => values.filter((v) => String(v) === key).length;
  return { ref: keys.map((k) => count(ref, k)), cur: keys.map((k) => count(cur, k)) };
}

test(
  'categorical statistics match scipy on generated data',
  { skip: python === undefined && NO_SCIPY },
  () => {
    const all = cases();
    const expected = runScipy<ScipyCategorical[]>(
      python ?? 'python3',
      SCRIPT,
      all.map(({ ref, cur }) => countsOf(ref, cur)),
    );
    all.forEach(({ name, ref, cur }, i) => {
      const scipy = expected[i];
      assert.ok(scipy !== undefined);
      const reference = summarizeColumn('c', ref, 'categorical');
      assert.equal(reference.type, 'categorical');
      if (reference.type !== 'categorical') return;
      closeToScipy(
        categoricalFeatureDrift('c', reference, cur, { stattest: 'chisquare' }).statistic,
        scipy.chi,
        `${name}: chi-squared p`,
      );
      closeToScipy(
        categoricalFeatureDrift('c', reference, cur, { stattest: 'jensenshannon' }).statistic,
        scipy.js,
        `${name}: JS distance`,
      );
      closeToScipy(categoricalFeatureDrift('c', reference, cur).psi, scipy.psi, `${name}: PSI`);
      if (scipy.z !== null)
        closeToScipy(
          categoricalFeatureDrift('c', reference, cur, { stattest: 'z' }).statistic,
          scipy.z,
          `${name}: Z-test p`,
        );
    });
  },
);

test(
  'numbers with at most five distinct values are compared as categories',
  { skip: python === undefined && NO_SCIPY },
  () => {
    const random = seededRandom(5);
    const ref = Array.from({ length: 700 }, () => Math.floor(random() * 4));
    const cur = Array.from({ length: 600 }, () => Math.min(3, Math.floor(random() * 4.6)));
    const [scipy] = runScipy<ScipyCategorical[]>(python ?? 'python3', SCRIPT, [countsOf(ref, cur)]);
    assert.ok(scipy !== undefined);
    const drift = numericFeatureDrift(
      'n',
      summarizeNumbers(Float64Array.from(ref), 0),
      Float64Array.from(cur),
    );
    assert.equal(drift.stattest, 'chisquare');
    closeToScipy(drift.statistic, scipy.chi, 'chi-squared p on values');
    const binary = numericFeatureDrift(
      'b',
      summarizeNumbers(Float64Array.from(ref.map((v) => v % 2)), 0),
      Float64Array.from(cur.map((v) => v % 2)),
    );
    assert.equal(binary.stattest, 'z');
  },
);

test('default tests follow Evidently: by type, reference size and distinct values', () => {
  const random = seededRandom(3);
  const numbers = (n: number) => Float64Array.from({ length: n }, () => random());
  assert.equal(numericFeatureDrift('a', summarizeNumbers(numbers(1000), 0), numbers(50)).stattest, 'ks');
  assert.equal(
    numericFeatureDrift('a', summarizeNumbers(numbers(1001), 0), numbers(50)).stattest,
    'wasserstein',
  );
  const few = (n: number) => Float64Array.from({ length: n }, (_, i) => i % 3);
  assert.equal(numericFeatureDrift('a', summarizeNumbers(few(2000), 0), few(50)).stattest, 'jensenshannon');
  const small = summarizeColumn('c', ['a', 'b', 'c'], 'categorical');
  const large = summarizeColumn(
    'c',
    Array.from({ length: 1001 }, (_, i) => String(i % 3)),
    'categorical',
  );
  if (small.type !== 'categorical' || large.type !== 'categorical') throw new Error('categorical expected');
  assert.equal(categoricalFeatureDrift('c', small, ['a']).stattest, 'chisquare');
  assert.equal(categoricalFeatureDrift('c', large, ['1']).stattest, 'jensenshannon');
  const drift = categoricalFeatureDrift('c', small, ['a'], { stattest: 'psi', threshold: 0.3 });
  assert.equal(drift.threshold, 0.3);
  assert.throws(
    () => categoricalFeatureDrift('c', small, ['a'], { stattest: 'ks' }),
    /categorical; 'ks' needs numbers/,
  );
});
