/** The A/B rules on Python files, notebooks and experiment configs: markers, fixes, golden files. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { analyseNotebookJson } from '../../server/python/analyse-python.ts';
import { buildVirtualModule, readNotebookCells } from '../../server/python/notebook/notebook-source.ts';
import { abNoSampleSize } from '../../server/python/rules/ab-no-sample-size.ts';
import { abPerRequestAssignment } from '../../server/python/rules/ab-per-request-assignment.ts';
import { abSessionAssignment } from '../../server/python/rules/ab-session-assignment.ts';
import type { PythonFileRule } from '../../server/python/rules/python-rule.ts';
import { FIXTURES, fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';
import { seededRandom as random } from '../robustness/seeded-random.ts';
import { assertFixesResolve, checkFileRule, contextFor, expectedLines } from './rule-harness.ts';

const PYTHON_CASES: [PythonFileRule, string, string[]][] = [
  [abPerRequestAssignment, 'ab-per-request-assignment', ['positive.py', 'flask_helper.py', 'negative.py']],
  [abSessionAssignment, 'ab-session-assignment', ['positive.py', 'negative.py']],
  [abNoSampleSize, 'ab-no-sample-size', ['positive.py', 'negative.py', 'train_split.py']],
  // Each rule stays silent on the others' fixtures unless marked there.
  [abSessionAssignment, 'ab-per-request-assignment', ['positive.py', 'negative.py']],
  [abNoSampleSize, 'ab-per-request-assignment', ['positive.py', 'negative.py']],
  [abPerRequestAssignment, 'ab-session-assignment', ['positive.py', 'negative.py']],
];

function lines(reports: readonly { range: { start: { line: number } } }[]): number[] {
  return reports.map((r) => r.range.start.line).sort((a, b) => a - b);
}

/** Golden files: compared, or written with UPDATE_GOLDEN=1 (read them before committing). */
function assertGolden(actual: string, relative: string): void {
  const file = path.join(FIXTURES, 'rules', relative);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  assert.ok(existsSync(file), `missing golden ${relative}: run with UPDATE_GOLDEN=1 and read it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `golden ${relative}`);
}

describe('A/B rules: Python fixtures with # expect markers', () => {
  for (const [rule, folder, files] of PYTHON_CASES) {
    for (const file of files) {
      it(`${rule.meta.id}: ${folder}/${file}`, async () => {
        const text = fixtureText(`rules/${folder}/${file}`);
        const { reports } = await checkFileRule(rule, text, `file:///w/${file}`);
        assert.deepEqual(lines(reports), expectedLines(text, rule.meta.id));
      });
    }
  }

  it('test files are left alone, whatever they draw', async () => {
    const text = fixtureText('rules/ab-per-request-assignment/test_router.py');
    const asModule = await checkFileRule(abPerRequestAssignment, text, 'file:///w/router.py');
    assert.equal(asModule.reports.length, 1, 'the same code outside tests is reported');
    for (const uri of ['file:///w/test_router.py', 'file:///w/tests/router.py', 'file:///w/router_test.py']) {
      const { reports } = await checkFileRule(abPerRequestAssignment, text, uri);
      assert.deepEqual(reports, [], uri);
    }
  });

  it('names the reason when there is no user id to hash, and offers no fix', async () => {
    const text = fixtureText('rules/ab-per-request-assignment/positive.py');
    const { reports } = await checkFileRule(abPerRequestAssignment, text);
    const counter = reports.find((r) => r.message.includes('served += 1'));
    assert.ok(counter);
    assert.equal(counter.fixes, undefined);
    assert.match(counter.message, /no user id is among the handler's parameters or request fields/);
    const helper = await checkFileRule(
      abPerRequestAssignment,
      fixtureText('rules/ab-per-request-assignment/flask_helper.py'),
    );
    assert.match(
      helper.reports[0]?.message ?? '',
      /pass payload\["user_id"\] from predict into pick_variant\(\)/,
    );
  });
});

describe('A/B rules: notebooks, cell by cell', () => {
  const cases: [PythonFileRule[], string][] = [
    [
      [abPerRequestAssignment, abSessionAssignment, abNoSampleSize],
      'ab-per-request-assignment/serving.ipynb',
    ],
    [[abPerRequestAssignment, abSessionAssignment, abNoSampleSize], 'ab-no-sample-size/experiment.ipynb'],
  ];
  for (const [rules, relative] of cases) {
    for (const rule of rules) {
      it(`${rule.meta.id}: ${relative}`, async () => {
        const json = fixtureText(`rules/${relative}`);
        const uri = `file:///w/${path.basename(relative)}`;
        const facts = analyseNotebookJson(await createTestParser(), uri, json);
        const module = buildVirtualModule(uri, readNotebookCells(uri, json).cells);
        const reports = rule.check(facts, contextFor(new Map()));
        if (json.includes(`expect: ${rule.meta.id}`))
          assert.ok(reports.length > 0, 'a marked cell is reported');
        assert.deepEqual(lines(reports), expectedLines(module.text, rule.meta.id));
      });
    }
  }
});

/** Each finding's fix on its own, re-checked; A/B fixes change who sees what, so never `--fix`. */
async function fixEach(rule: PythonFileRule, text: string): Promise<string[]> {
  const { reports } = await checkFileRule(rule, text);
  for (const report of reports)
    for (const fix of report.fixes ?? []) assert.equal(fix.safe, false, fix.title);
  return assertFixesResolve(rule, text);
}

function python(code: string): string {
  const run = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

describe('A/B rules: fixes, applied and re-checked', () => {
  it('ab/per-request-assignment adds the sticky helper once and rewrites each draw with the user id', async () => {
    const fixed = await fixEach(
      abPerRequestAssignment,
      fixtureText('rules/ab-per-request-assignment/positive.py'),
    );
    assert.equal(
      fixed.length,
      4,
      'choice, fraction, numpy and ticket draws; the counter without a user id has none',
    );
    assertGolden(fixed[0] ?? '', 'ab-per-request-assignment/golden/positive.choice.py');
    assertGolden(fixed[3] ?? '', 'ab-per-request-assignment/golden/positive.ticket.py');
    assert.match(
      fixed[1] ?? '',
      /arm = "treatment" if sticky_fraction\(req\.user_id, "score_fraction-arm"\) < 0\.1 else "control"/,
    );
    assert.match(fixed[2] ?? '', /if sticky_fraction\(customer_id, "score_numpy-model"\) < 0\.5:/);
  });

  it('the inserted helper is sticky per user and splits users evenly (run by python3)', async () => {
    const [fixed] = await fixEach(
      abPerRequestAssignment,
      fixtureText('rules/ab-per-request-assignment/positive.py'),
    );
    const helpers = /^def sticky_fraction[\s\S]*?return arms\[.*\]$/m.exec(fixed ?? '')?.[0];
    assert.ok(helpers, 'the helper functions are in the fixed file');
    const out = python(`import hashlib\n${helpers}\n
arms = ["control", "treatment"]
first = [assign_arm(f"user-{i}", arms, "s") for i in range(10000)]
again = [assign_arm(f"user-{i}", arms, "s") for i in range(10000)]
other = [assign_arm(f"user-{i}", arms, "t") for i in range(10000)]
print(first == again, first.count("treatment"), sum(a != b for a, b in zip(first, other)))`);
    const [sticky, treated, reshuffled] = out.split(' ');
    assert.equal(sticky, 'True');
    assert.ok(Math.abs(Number(treated) - 5000) < 300, `even split: ${treated} of 10000`);
    assert.ok(Number(reshuffled) > 4000, `another salt reshuffles: ${reshuffled}`);
  });

  it('ab/session-assignment keys the arm on the user id', async () => {
    const fixed = await fixEach(abSessionAssignment, fixtureText('rules/ab-session-assignment/positive.py'));
    assert.equal(fixed.length, 2);
    assert.match(fixed[0] ?? '', /arm = assign_arm\(req\.user_id, ARMS, "ranker-v2"\)/);
    assertGolden(fixed[1] ?? '', 'ab-session-assignment/golden/positive.cookie.py');
  });

  it('ab/no-sample-size inserts a statsmodels power analysis', async () => {
    const [fixed] = await fixEach(abNoSampleSize, fixtureText('rules/ab-no-sample-size/positive.py'));
    assertGolden(fixed ?? '', 'ab-no-sample-size/golden/positive.py');
  });
});

describe('ab/no-sample-size on experiment configs (YAML and JSON)', () => {
  const analyzer = new Analyzer();
  const check = (name: string, text: string) =>
    analyzer
      .analyze({ uri: `file:///w/${name}`, text })
      .findings.filter((f) => f.ruleId === 'ab/no-sample-size');

  it('reports arms without a sample size at their key, and the fix adds min_sample_size_per_arm', () => {
    const text = fixtureText('rules/ab-no-sample-size/ab_test.yaml');
    const findings = check('ab_test.yaml', text);
    assert.deepEqual(
      findings.map((f) => f.range.start.line),
      expectedLines(text, 'ab/no-sample-size'),
    );
    const change = findings[0]?.fixes[0]?.changes[0];
    assert.ok(change);
    const fixed = applyEdits(text, change.edits).text;
    assertGolden(fixed, 'ab-no-sample-size/golden/ab_test.yaml');
    assert.deepEqual(check('ab_test.yaml', fixed), []);
  });

  it('reads a JSON traffic split, and the fix adds the key in the file own layout', () => {
    const text = fixtureText('rules/ab-no-sample-size/checkout-experiment.json');
    const findings = check('checkout-experiment.json', text);
    assert.deepEqual(
      findings.map((f) => f.range.start.line),
      [2],
    );
    const change = findings[0]?.fixes[0]?.changes[0];
    assert.ok(change);
    const fixed = applyEdits(text, change.edits).text;
    assertGolden(fixed, 'ab-no-sample-size/golden/checkout-experiment.json');
    assert.doesNotThrow(() => JSON.parse(fixed));
    assert.deepEqual(check('checkout-experiment.json', fixed), []);
  });

  it('stays silent on sized experiments, on files not named as experiments, and on suppressed lines', () => {
    assert.deepEqual(
      check('experiments.yaml', fixtureText('rules/ab-no-sample-size/sized-experiment.yaml')),
      [],
    );
    assert.deepEqual(check('deployment.yaml', fixtureText('rules/ab-no-sample-size/deployment.yaml')), []);
    const yaml = 'arms:\n  - a\n  - b\n';
    assert.equal(check('experiments/ranker.yaml', yaml).length, 1, 'a folder named experiments counts');
    assert.equal(check('ab.yml', `# mlops-lens: ignore[ab/no-sample-size] a smoke test\n${yaml}`).length, 0);
  });

  it('gives a note, not a crash, for broken experiment JSON', () => {
    const result = analyzer.analyze({ uri: 'file:///w/ab.json', text: '{"arms": [' });
    assert.deepEqual(result.findings, []);
    assert.equal(result.notes[0]?.code, 'parse-error');
  });
});

describe('ab/no-sample-size on mutated experiment configs', () => {
  const TOKENS = [
    '{',
    '}',
    '[',
    ']',
    ':',
    '- ',
    '\n',
    '  ',
    '"',
    '&a ',
    '*a',
    'arms:',
    'power: 0.8',
    ',',
    '#',
  ];

  it('never throws and keeps ranges inside the text, for 600 mutations of the YAML and JSON fixtures', () => {
    const analyzer = new Analyzer();
    const sources: [string, string][] = [
      ['ab_test.yaml', fixtureText('rules/ab-no-sample-size/ab_test.yaml')],
      ['checkout-experiment.json', fixtureText('rules/ab-no-sample-size/checkout-experiment.json')],
      ['experiments.yaml', fixtureText('rules/ab-no-sample-size/sized-experiment.yaml')],
    ];
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      for (const [name, source] of sources) {
        let text = source;
        for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
          const at = Math.floor(next() * text.length);
          const token = TOKENS[Math.floor(next() * TOKENS.length)] ?? '';
          text = next() < 0.3 ? text.slice(0, at) : text.slice(0, at) + token + text.slice(at + 1);
        }
        const result = analyzer.analyze({ uri: `file:///w/${name}`, text });
        const lineCount = text.split('\n').length;
        for (const finding of result.findings)
          assert.ok(finding.range.end.line < lineCount, `seed ${seed} ${name}: range inside the text`);
      }
    }
  });
});

describe('ab/no-sample-size on hostile YAML', () => {
  it(
    'an alias pointing back at its own anchor ends, and the experiment is still judged',
    { timeout: 5_000 },
    () => {
      const text = 'experiment: &e\n  arms: [a, b]\n  loop: &l [*l, *e]\n';
      const result = new Analyzer().analyze({ uri: 'file:///w/ab.yaml', text });
      assert.deepEqual(
        result.findings.map((f) => [f.ruleId, f.range.start.line]),
        [['ab/no-sample-size', 1]],
      );
    },
  );
});
