/**
 * A/B tests end to end over real HTTP: a daemon process on a temp SQLite file, the routes with the
 * daemon's token, and `mlops-lens ab` through the bin. The verdict waits for the planned sample.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { AbResults, AbTest, PushAbObservationsResponse } from '../../daemon/api/ab-test-contract.ts';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import { assignArm } from '../../daemon/ab-tests/arm-assignment.ts';
import { compareProportions } from '../../daemon/ab-tests/arm-comparison.ts';
import { proportionSampleSize } from '../../daemon/ab-tests/sample-size.ts';
import { startCliDaemon, type CliDaemon, type CliRun } from '../daemon/cli-harness.ts';
import { sendRequest, tempDir } from '../daemon/daemon-harness.ts';
import { callDaemon, startDaemonProcess, type SpawnedDaemon } from '../daemon/daemon-process.ts';

const AB = `${NATIVE_API_PREFIX}/ab-tests`;
const ARMS = [
  { name: 'control', weight: 1 },
  { name: 'treatment', weight: 1 },
];

describe('A/B tests over HTTP and `mlops-lens ab`', () => {
  let scene: CliDaemon;
  let daemon: SpawnedDaemon;
  const cli = (...args: string[]): Promise<CliRun> => scene.cli(...args);
  const planned = proportionSampleSize({
    baselineRate: 0.1,
    minimumDetectableEffect: 0.05,
    alpha: 0.05,
    power: 0.8,
  });
  /** Each arm's outcomes as the test pushed them, to check the daemon's figures independently. */
  const pushed = new Map<string, number[]>([
    ['control', []],
    ['treatment', []],
  ]);
  let nextUser = 0;

  /** Users until each arm has `perArm`; converts 10% of control users and 20% of treatment users. */
  async function pushUntil(perArm: number): Promise<PushAbObservationsResponse> {
    const observations: { user_id: string; value: number }[] = [];
    const counts = new Map([...pushed].map(([arm, values]) => [arm, values.length]));
    while ([...counts.values()].some((n) => n < perArm)) {
      const userId = `user-${nextUser}`;
      nextUser += 1;
      const arm = assignArm('checkout-salt', userId, ARMS);
      const n = counts.get(arm) ?? 0;
      if (n >= perArm) continue;
      counts.set(arm, n + 1);
      const value = n % 10 < (arm === 'control' ? 1 : 2) ? 1 : 0;
      pushed.get(arm)?.push(value);
      observations.push({ user_id: userId, value });
    }
    const reply = await callDaemon(daemon, 'POST', `${AB}/checkout/observations`, { observations });
    assert.equal(reply.status, 200, reply.text);
    return reply.json as PushAbObservationsResponse;
  }

  before(async () => {
    scene = await startCliDaemon();
    daemon = scene.daemon;
  });
  after(async () => {
    await scene.close();
  });

  it('creates a test from the CLI and prints its power analysis before anything starts', async () => {
    const created = await cli(
      'ab',
      'create',
      'checkout',
      '--metric',
      'conversion_rate',
      '--baseline',
      '0.1',
      '--mde',
      '0.05',
      '--arms',
      'control:1:1,treatment:1:2',
      '--model',
      'fraud',
      '--salt',
      'checkout-salt',
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, new RegExp(`needs +${planned} users per arm, ${planned * 2} in all`));
    assert.match(created.stdout, /conversion_rate \(proportion, higher is better, baseline 0\.1\)/);
    const shown = await cli('ab', 'show', 'checkout', '--json');
    assert.equal(shown.code, 0, shown.stderr);
    const test = JSON.parse(shown.stdout) as AbTest;
    assert.equal(test.plan.sample_size_per_arm, planned);
    assert.deepEqual(
      test.arms.map((a) => [a.name, a.weight, a.model_version]),
      [
        ['control', 1, '1'],
        ['treatment', 1, '2'],
      ],
    );
  });

  it('answers the sticky arm of a user, the same as the documented hash', async () => {
    for (const userId of ['alice', 'bob', 'user-42', 'ü-7']) {
      const reply = await callDaemon(daemon, 'GET', `${AB}/checkout/assignment`, undefined, {
        user_id: userId,
      });
      assert.equal(reply.status, 200, reply.text);
      assert.equal((reply.json as { arm: string }).arm, assignArm('checkout-salt', userId, ARMS));
    }
  });

  it('refuses bad tests and bad outcomes with the field named, and requests without the token', async () => {
    const metric = { name: 'm', kind: 'proportion', baseline: 0.1, minimum_detectable_effect: 0.02 };
    const cases: [unknown, RegExp][] = [
      [{ name: 'one', arms: [{ name: 'a', weight: 1 }], primary_metric: metric }, /at least two arms/],
      [
        {
          name: 'half',
          arms: [
            { name: 'a', weight: 0.5 },
            { name: 'b', weight: 1 },
          ],
          primary_metric: metric,
        },
        /positive integer weight/,
      ],
      [{ name: 'sd', arms: ARMS, primary_metric: { ...metric, kind: 'mean' } }, /standard_deviation/],
      [{ name: 'rate', arms: ARMS, primary_metric: { ...metric, baseline: 1.5 } }, /baseline rate .* 1\.5/],
      [{ name: 'kind', arms: ARMS, primary_metric: { ...metric, kind: 'ratio' } }, /'kind'/],
      [{ name: 'checkout', arms: ARMS, primary_metric: metric }, /already exists/],
    ];
    for (const [body, message] of cases) {
      const reply = await callDaemon(daemon, 'POST', AB, body);
      assert.ok(reply.status === 400 || reply.status === 409, `${reply.status} ${reply.text}`);
      assert.match(reply.text, message);
    }
    const wrongArm = assignArm('checkout-salt', 'alice', ARMS) === 'control' ? 'treatment' : 'control';
    const outcomes: [unknown, RegExp][] = [
      [{ observations: [{ user_id: 'alice', value: 2 }] }, /must be 0 or 1/],
      [
        { observations: [{ user_id: 'alice', value: 1, arm: wrongArm }] },
        /belongs to arm .* sticky assignment, not/,
      ],
      [{ observations: [] }, /non-empty array/],
    ];
    for (const [body, message] of outcomes) {
      const reply = await callDaemon(daemon, 'POST', `${AB}/checkout/observations`, body);
      assert.equal(reply.status, 400, reply.text);
      assert.match(reply.text, message);
    }
    const missing = await callDaemon(daemon, 'GET', `${AB}/nope/results`);
    assert.equal(missing.status, 404, missing.text);
    const anonymous = await sendRequest(daemon.port, 'GET', `${AB}/checkout`, {
      headers: { host: `127.0.0.1:${daemon.port}` },
    });
    assert.equal(anonymous.status, 401, anonymous.text);
  });

  it('declares no winner before the planned sample size, and says so', async () => {
    const half = Math.floor(planned / 2);
    const users = await pushUntil(half);
    assert.deepEqual(users.users, { control: half, treatment: half });
    const reply = await callDaemon(daemon, 'GET', `${AB}/checkout/results`);
    const results = reply.json as AbResults;
    assert.equal(results.verdict, 'insufficient-sample');
    assert.equal(results.winner, undefined);
    assert.match(
      results.message,
      new RegExp(`planned sample size of ${planned} users per arm: control has ${half}`),
    );
    const printed = await cli('ab', 'results', 'checkout');
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /insufficient-sample: No winner before the planned sample size/);
  });

  it('names the winner once every arm has its users, with the interval and p-value of its data', async () => {
    await pushUntil(planned);
    const printed = await cli('ab', 'results', 'checkout', '--json');
    assert.equal(printed.code, 0, printed.stderr);
    const results = JSON.parse(printed.stdout) as AbResults;
    const totals = (arm: string) => {
      const values = pushed.get(arm) ?? [];
      const sum = values.reduce((s, v) => s + v, 0);
      return { n: values.length, sum, sumOfSquares: sum };
    };
    const expected = compareProportions(totals('control'), totals('treatment'), 0.05);
    const comparison = results.comparisons[0];
    assert.ok(comparison);
    assert.equal(comparison.arm, 'treatment');
    assert.ok(Math.abs(comparison.difference - expected.difference) < 1e-12);
    assert.ok(Math.abs(comparison.ci_low - expected.ciLow) < 1e-12);
    assert.ok(Math.abs(comparison.p_value - expected.pValue) < 1e-12);
    assert.ok(comparison.ci_low > 0, 'treatment converts 20% against 10%');
    assert.deepEqual(
      results.arms.map((a) => [a.arm, a.users]),
      [
        ['control', planned],
        ['treatment', planned],
      ],
    );
    assert.equal(results.verdict, 'winner');
    assert.equal(results.winner, 'treatment');
    const table = await cli('ab', 'results', 'checkout');
    assert.match(table.stdout, /winner: treatment beats control on conversion_rate/);
  });
});

describe('an A/B test on a mean (revenue per user) over HTTP', () => {
  let daemon: SpawnedDaemon;
  const dataDir = tempDir();

  before(async () => {
    daemon = await startDaemonProcess(dataDir);
  });
  after(() => {
    daemon.child.kill('SIGTERM');
  });

  it("gives Welch's interval and p-value of scipy on the pushed values, arms without users shown without a value", async () => {
    const created = await callDaemon(daemon, 'POST', AB, {
      name: 'revenue',
      arms: [
        { name: 'control', weight: 1 },
        { name: 'cheaper', weight: 1 },
        { name: 'unused', weight: 1 },
      ],
      primary_metric: {
        name: 'revenue',
        kind: 'mean',
        baseline: 20,
        standard_deviation: 8,
        minimum_detectable_effect: 5,
      },
      salt: 'revenue-salt',
    });
    assert.equal(created.status, 200, created.text);
    const test = created.json as AbTest;
    assert.equal(test.plan.alpha_per_comparison, 0.025, 'alpha split between two treatments');
    const arms = test.arms;
    const values: Record<string, number[]> = { control: [], cheaper: [] };
    const observations: { user_id: string; value: number }[] = [];
    for (let i = 0; observations.length < 120; i += 1) {
      const userId = `r${i}`;
      const arm = assignArm('revenue-salt', userId, arms);
      if (arm === 'unused') continue;
      const value = Math.round(((arm === 'control' ? 20 : 23) + ((i * 7919) % 17) - 8) * 100) / 100;
      values[arm]?.push(value);
      observations.push({ user_id: userId, value });
    }
    const pushed = await callDaemon(daemon, 'POST', `${AB}/revenue/observations`, { observations });
    assert.equal(pushed.status, 200, pushed.text);
    const results = (await callDaemon(daemon, 'GET', `${AB}/revenue/results`)).json as AbResults;
    assert.equal(results.verdict, 'insufficient-sample');
    assert.match(results.message, /unused has 0/);
    const unused = results.arms.find((a) => a.arm === 'unused');
    assert.deepEqual(unused, { arm: 'unused', users: 0 });
    const comparison = results.comparisons.find((c) => c.arm === 'cheaper');
    assert.ok(comparison, JSON.stringify(results));
    const script = `import json, sys
from scipy.stats import ttest_ind
d = json.load(sys.stdin)
r = ttest_ind(d["cheaper"], d["control"], equal_var=False)
ci = r.confidence_interval(0.975)
print(json.dumps([float(ci.low), float(ci.high), float(r.pvalue)]))`;
    const scipy = JSON.parse(
      execFileSync('python3', ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' }),
    ) as number[];
    for (const [ours, theirs] of [
      [comparison.ci_low, scipy[0]],
      [comparison.ci_high, scipy[1]],
      [comparison.p_value, scipy[2]],
    ] as const)
      assert.ok(Math.abs(ours - (theirs ?? Number.NaN)) < 1e-8, `${ours} against scipy ${theirs}`);
  });
});
