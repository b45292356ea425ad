/**
 * The A/B statistics against Python: the sticky assignment against the Python block of
 * docs/ab-tests.md, the sample sizes and the comparisons against scipy (and statsmodels when it is
 * installed), on the same numbers in the same test.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assignArm } from '../../daemon/ab-tests/arm-assignment.ts';
import { compareMeans, compareProportions, type ArmTotals } from '../../daemon/ab-tests/arm-comparison.ts';
import { meanSampleSize, proportionSampleSize } from '../../daemon/ab-tests/sample-size.ts';

/** The first Python that imports `modules`: the one on PATH, then Debian's (python3-statsmodels). */
const pythonWith = (modules: string): string | undefined =>
  ['python3', '/usr/bin/python3'].find(
    (candidate) => spawnSync(candidate, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0,
  );
/** scipy >= 1.11 (`ttest_ind(...).confidence_interval`). */
const scipyPython = 'python3';
const statsmodelsPython = pythonWith('statsmodels');
const hasStatsmodels = statsmodelsPython !== undefined;

function python(code: string, input: unknown, interpreter = scipyPython): unknown {
  const out = execFileSync(interpreter, ['-c', code], { input: JSON.stringify(input), encoding: 'utf8' });
  return JSON.parse(out) as unknown;
}

/** A small deterministic generator (mulberry32), so both sides see the same numbers. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function totals(values: readonly number[]): ArmTotals {
  return {
    n: values.length,
    sum: values.reduce((s, v) => s + v, 0),
    sumOfSquares: values.reduce((s, v) => s + v * v, 0),
  };
}

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} against ${expected}`,
  );
}

describe('sticky assignment', () => {
  const docs = readFileSync(new URL('../../docs/ab-tests.md', import.meta.url), 'utf8');
  const block = /```python\n([\s\S]*?)```/.exec(docs)?.[1];

  it('gives the same arm as the Python of docs/ab-tests.md for 2,000 ids and three weightings', () => {
    assert.ok(block, 'docs/ab-tests.md has a python block');
    const ids = Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? `user-ü-${i}` : `u${i * 7919}`));
    const weightings: [string, number][][] = [
      [
        ['control', 1],
        ['treatment', 1],
      ],
      [
        ['control', 90],
        ['treatment', 10],
      ],
      [
        ['a', 3],
        ['b', 5],
        ['c', 7],
      ],
    ];
    for (const [index, arms] of weightings.entries()) {
      const salt = `salt-${index}`;
      const fromPython = python(
        `${block}\nimport json, sys\nd = json.load(sys.stdin)\nprint(json.dumps([assign_arm(d["salt"], u, [tuple(a) for a in d["arms"]]) for u in d["ids"]]))`,
        { salt, arms, ids },
      ) as string[];
      const weighted = arms.map(([name, weight]) => ({ name, weight }));
      const fromDaemon = ids.map((id) => assignArm(salt, id, weighted));
      assert.deepEqual(fromDaemon, fromPython);
      // The shares follow the weights (each arm within 3 points of its share).
      const total = arms.reduce((s, [, w]) => s + w, 0);
      for (const [name, weight] of arms) {
        const share = fromDaemon.filter((arm) => arm === name).length / ids.length;
        assert.ok(Math.abs(share - weight / total) < 0.03, `${name}: ${share} against ${weight / total}`);
      }
    }
  });

  it('keeps a user in one arm and moves users between tests with another salt', () => {
    const arms = [
      { name: 'control', weight: 1 },
      { name: 'treatment', weight: 1 },
    ];
    const first = Array.from({ length: 200 }, (_, i) => assignArm('s1', `u${i}`, arms));
    assert.deepEqual(
      Array.from({ length: 200 }, (_, i) => assignArm('s1', `u${i}`, arms)),
      first,
    );
    const other = Array.from({ length: 200 }, (_, i) => assignArm('s2', `u${i}`, arms));
    assert.ok(
      other.some((arm, i) => arm !== first[i]),
      'another salt reshuffles users',
    );
  });
});

describe('sample size', () => {
  const cases = [
    { p1: 0.1, effect: 0.02, alpha: 0.05, power: 0.8 },
    { p1: 0.03, effect: -0.005, alpha: 0.01, power: 0.9 },
    { p1: 0.5, effect: 0.1, alpha: 0.025, power: 0.8 },
  ];

  it('for two proportions matches the same formula in scipy', () => {
    const expected = python(
      `import json, sys, math
from scipy.stats import norm
out = []
for c in json.load(sys.stdin):
    p1, p2 = c["p1"], c["p1"] + c["effect"]
    za, zb = norm.ppf(1 - c["alpha"] / 2), norm.ppf(c["power"])
    pbar = (p1 + p2) / 2
    n = (za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2
    out.append(math.ceil(n))
print(json.dumps(out))`,
      cases,
    ) as number[];
    const actual = cases.map((c) =>
      proportionSampleSize({
        baselineRate: c.p1,
        minimumDetectableEffect: c.effect,
        alpha: c.alpha,
        power: c.power,
      }),
    );
    assert.deepEqual(actual, expected);
    assert.equal(actual[0], 3841, 'the example of docs/ab-tests.md');
  });

  it(
    'for two proportions stays within 2% of statsmodels NormalIndPower (Cohen h)',
    {
      skip:
        !hasStatsmodels &&
        'no python3 has statsmodels (Debian: python3-statsmodels); scipy checks the formula above',
    },
    () => {
      const expected = python(
        `import json, sys
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize
print(json.dumps([NormalIndPower().solve_power(proportion_effectsize(c["p1"] + c["effect"], c["p1"]), alpha=c["alpha"], power=c["power"]) for c in json.load(sys.stdin)]))`,
        cases,
        statsmodelsPython,
      ) as number[];
      for (const [i, c] of cases.entries())
        close(
          proportionSampleSize({
            baselineRate: c.p1,
            minimumDetectableEffect: c.effect,
            alpha: c.alpha,
            power: c.power,
          }),
          expected[i] ?? Number.NaN,
          0.02,
          `case ${i}`,
        );
    },
  );

  it('for a mean with known sd matches scipy', () => {
    const meanCases = [
      { sd: 12.5, effect: 1, alpha: 0.05, power: 0.8 },
      { sd: 3, effect: -0.4, alpha: 0.01, power: 0.95 },
    ];
    const expected = python(
      `import json, sys, math
from scipy.stats import norm
print(json.dumps([math.ceil(2 * c["sd"] ** 2 * (norm.ppf(1 - c["alpha"] / 2) + norm.ppf(c["power"])) ** 2 / c["effect"] ** 2) for c in json.load(sys.stdin)]))`,
      meanCases,
    ) as number[];
    assert.deepEqual(
      meanCases.map((c) =>
        meanSampleSize({
          standardDeviation: c.sd,
          minimumDetectableEffect: c.effect,
          alpha: c.alpha,
          power: c.power,
        }),
      ),
      expected,
    );
  });

  it('refuses a rate outside (0, 1), a zero effect and a bad alpha with the value named', () => {
    const base = { baselineRate: 0.1, minimumDetectableEffect: 0.02, alpha: 0.05, power: 0.8 };
    assert.throws(() => proportionSampleSize({ ...base, baselineRate: 1.2 }), /baseline rate .* 1\.2/);
    assert.throws(() => proportionSampleSize({ ...base, minimumDetectableEffect: 0 }), /non-zero/);
    assert.throws(() => proportionSampleSize({ ...base, alpha: 0 }), /'alpha' .* 0/);
    assert.throws(
      () => meanSampleSize({ standardDeviation: -1, minimumDetectableEffect: 1, alpha: 0.05, power: 0.8 }),
      /standard deviation/,
    );
  });
});

describe('comparisons', () => {
  it('difference of proportions: Wald interval and pooled z-test p-value match scipy', () => {
    const next = random(7);
    const control = Array.from({ length: 4000 }, () => (next() < 0.1 ? 1 : 0));
    const treatment = Array.from({ length: 3500 }, () => (next() < 0.12 ? 1 : 0));
    for (const alpha of [0.05, 0.01]) {
      const ours = compareProportions(totals(control), totals(treatment), alpha);
      const theirs = python(
        `import json, sys, math
from scipy.stats import norm
d = json.load(sys.stdin)
c, t = d["control"], d["treatment"]
n1, n2 = len(c), len(t)
p1, p2 = sum(c) / n1, sum(t) / n2
se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
z = norm.ppf(1 - d["alpha"] / 2)
pool = (sum(c) + sum(t)) / (n1 + n2)
stat = (p2 - p1) / math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
print(json.dumps([p2 - p1, p2 - p1 - z * se, p2 - p1 + z * se, 2 * norm.sf(abs(stat))]))`,
        { control, treatment, alpha },
      ) as number[];
      close(ours.difference, theirs[0] ?? Number.NaN, 1e-12, 'difference');
      close(ours.ciLow, theirs[1] ?? Number.NaN, 1e-9, 'ci low');
      close(ours.ciHigh, theirs[2] ?? Number.NaN, 1e-9, 'ci high');
      close(ours.pValue, theirs[3] ?? Number.NaN, 1e-9, 'p-value');
    }
  });

  it("difference of means: Welch's interval and p-value match scipy.stats.ttest_ind", () => {
    const next = random(11);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    const scenarios = [
      {
        c: Array.from({ length: 300 }, () => 20 + 8 * gauss()),
        t: Array.from({ length: 180 }, () => 22 + 14 * gauss()),
      },
      {
        c: Array.from({ length: 25 }, () => 5 + gauss()),
        t: Array.from({ length: 40 }, () => 5.1 + 3 * gauss()),
      },
    ];
    for (const { c, t } of scenarios) {
      const ours = compareMeans(totals(c), totals(t), 0.05);
      const theirs = python(
        `import json, sys
from scipy.stats import ttest_ind
d = json.load(sys.stdin)
r = ttest_ind(d["t"], d["c"], equal_var=False)
ci = r.confidence_interval(0.95)
print(json.dumps([float(ci.low), float(ci.high), float(r.pvalue)]))`,
        { c, t },
      ) as number[];
      close(ours.ciLow, theirs[0] ?? Number.NaN, 1e-8, 'ci low');
      close(ours.ciHigh, theirs[1] ?? Number.NaN, 1e-8, 'ci high');
      close(ours.pValue, theirs[2] ?? Number.NaN, 1e-8, 'p-value');
    }
  });
});
