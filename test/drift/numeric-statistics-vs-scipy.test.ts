/**
 * KS (statistic and p-value, exact and asymptotic), Wasserstein (plain and normed by the
 * reference's standard deviation) and PSI on reference-quantile bins, against scipy and numpy
 * on the same generated data: ties, samples of one and two values, empty bins, constant columns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numericFeatureDrift } from '../../daemon/drift/feature-drift.ts';
import { REFERENCE_POINTS, summarizeNumbers } from '../../daemon/drift/reference-summary.ts';
import {
  closeToScipy,
  NO_SCIPY,
  normalSample,
  runScipy,
  scipyPython,
  seededRandom,
} from './scipy-reference.ts';

const python = scipyPython();

interface NumericCase {
  name: string;
  ref: number[];
  cur: number[];
}

interface ScipyNumeric {
  ks: number;
  p: number;
  wasserstein: number;
  normed: number;
  psi: number;
}

const SCRIPT = `
import json, sys
import numpy as np
from scipy.stats import ks_2samp, wasserstein_distance
cases = json.load(open(sys.argv[1]))
out = []
for c in cases:
    ref = np.array(c['ref'], dtype=float); cur = np.array(c['cur'], dtype=float)
    ks = ks_2samp(ref, cur, method='auto')
    w = wasserstein_distance(ref, cur)
    edges = np.unique(np.quantile(ref, [i / 10 for i in range(1, 10)], method='inverted_cdf'))
    rs = np.bincount(np.searchsorted(edges, ref, side='left'), minlength=len(edges) + 1) / len(ref)
    cs = np.bincount(np.searchsorted(edges, cur, side='left'), minlength=len(edges) + 1) / len(cur)
    rs = np.where(rs == 0, 0.0001, rs); cs = np.where(cs == 0, 0.0001, cs)
    psi = float(np.sum((rs - cs) * np.log(rs / cs)))
    out.append(dict(ks=float(ks.statistic), p=float(ks.pvalue), wasserstein=float(w),
                    normed=float(w / max(np.std(ref), 0.001)), psi=psi))
json.dump(out, open(sys.argv[2], 'w'))
`;

function cases(): NumericCase[] {
  const random = seededRandom(20261125);
  const rounded = (values: number[], step: number): number[] =>
    values.map((v) => Math.round(v / step) * step);
  return [
    { name: 'normal, shifted', ref: normalSample(random, 800), cur: normalSample(random, 600, 0.3) },
    { name: 'same distribution', ref: normalSample(random, 500), cur: normalSample(random, 700) },
    {
      name: 'ties (values rounded to 0.5)',
      ref: rounded(normalSample(random, 900), 0.5),
      cur: rounded(normalSample(random, 400, 0.2), 0.5),
    },
    { name: 'one current value', ref: normalSample(random, 50), cur: [0.25] },
    { name: 'one value each', ref: [1.5], cur: [2.5] },
    { name: 'two values each', ref: [1, 2], cur: [2, 3] },
    {
      name: 'current outside the reference range (empty bins)',
      ref: normalSample(random, 300),
      cur: normalSample(random, 300, 10),
    },
    { name: 'constant reference', ref: Array<number>(200).fill(3), cur: normalSample(random, 150, 3) },
    { name: 'constant both, equal', ref: Array<number>(40).fill(7), cur: Array<number>(30).fill(7) },
    { name: 'constant both, different', ref: Array<number>(40).fill(7), cur: Array<number>(30).fill(8) },
    { name: 'equal sizes', ref: normalSample(random, 1000), cur: normalSample(random, 1000, 0.1) },
    {
      name: 'asymptotic p-value (current over 10,000)',
      ref: normalSample(random, 6000),
      cur: normalSample(random, 15000, 0.02),
    },
    {
      name: 'skewed, large current',
      ref: normalSample(random, 3000).map(Math.exp),
      cur: normalSample(random, 12000, 0.05).map(Math.exp),
    },
  ];
}

test(
  'numerical statistics match scipy and numpy on generated data',
  { skip: python === undefined && NO_SCIPY },
  () => {
    const all = cases();
    const expected = runScipy<ScipyNumeric[]>(
      python ?? 'python3',
      SCRIPT,
      all.map(({ ref, cur }) => ({ ref, cur })),
    );
    all.forEach(({ name, ref, cur }, i) => {
      const scipy = expected[i];
      assert.ok(scipy !== undefined);
      const reference = summarizeNumbers(Float64Array.from(ref), 0);
      const current = Float64Array.from(cur);
      const ks = numericFeatureDrift('x', reference, current, { stattest: 'ks' });
      closeToScipy(ks.ks_statistic ?? Number.NaN, scipy.ks, `${name}: KS statistic`);
      closeToScipy(ks.ks_p_value ?? Number.NaN, scipy.p, `${name}: KS p-value`);
      closeToScipy(ks.statistic, scipy.p, `${name}: ks stattest`);
      closeToScipy(ks.psi, scipy.psi, `${name}: PSI`);
      const wasserstein = numericFeatureDrift('x', reference, current, { stattest: 'wasserstein' });
      closeToScipy(wasserstein.statistic, scipy.normed, `${name}: normed Wasserstein`);
    });
  },
);

test(
  'a reference over 10,000 rows keeps 10,000 quantile points; KS moves by at most 0.00005 + 1/n',
  { skip: python === undefined && NO_SCIPY },
  () => {
    const random = seededRandom(7);
    const ref = normalSample(random, 100_000);
    const cur = normalSample(random, 20_000, 0.05);
    const [scipy] = runScipy<ScipyNumeric[]>(python ?? 'python3', SCRIPT, [{ ref, cur }]);
    assert.ok(scipy !== undefined);
    const reference = summarizeNumbers(Float64Array.from(ref), 0);
    assert.equal(reference.points.length, REFERENCE_POINTS);
    assert.equal(reference.count, 100_000);
    const drift = numericFeatureDrift('x', reference, Float64Array.from(cur), { stattest: 'ks' });
    assert.ok(
      Math.abs((drift.ks_statistic ?? 0) - scipy.ks) <= 0.5 / REFERENCE_POINTS + 1e-5,
      `${drift.ks_statistic} vs ${scipy.ks}`,
    );
    assert.ok(Math.abs(drift.psi - scipy.psi) < 1e-3, `${drift.psi} vs ${scipy.psi}`);
    const wasserstein = numericFeatureDrift('x', reference, Float64Array.from(cur), {
      stattest: 'wasserstein',
    });
    assert.ok(
      Math.abs(wasserstein.statistic - scipy.normed) < 2e-3,
      `${wasserstein.statistic} vs ${scipy.normed}`,
    );
  },
);
