/** The `npm run eval` runner: real CLI runs over tiny synthetic cases, and the scoring itself. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listCases, runCases } from '../../bench/eval-cases.ts';
import type { LabelledFinding } from '../../bench/eval-score.ts';
import { precisionOf, recallOf, scoreCases } from '../../bench/eval-score.ts';

const root = path.resolve(import.meta.dirname, '../..');
const suites: string[] = [];

/** A training script whose only finding is the unseeded split on line 5. */
const UNSEEDED_SPLIT = `import mlflow
from sklearn.model_selection import train_test_split

with mlflow.start_run():
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
`;
const SPLIT_LABEL: LabelledFinding = { file: 'train.py', line: 5, ruleId: 'repro/unseeded' };

function suiteOf(cases: Record<string, readonly LabelledFinding[]>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-eval-'));
  suites.push(dir);
  for (const [name, labels] of Object.entries(cases)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'train.py'), UNSEEDED_SPLIT);
    writeFileSync(path.join(dir, name, 'labels.json'), JSON.stringify(labels));
  }
  mkdirSync(path.join(dir, 'not-a-case'));
  return dir;
}

async function scoreSuite(cases: Record<string, readonly LabelledFinding[]>) {
  const dirs = listCases(suiteOf(cases));
  return scoreCases(await runCases(dirs));
}

describe('eval runner over the real CLI', () => {
  before(() => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });
  after(() => {
    for (const dir of suites) rmSync(dir, { recursive: true, force: true });
  });

  it('lists only folders with labels.json and matches a correct label as a true positive', async () => {
    const score = await scoreSuite({ labelled: [SPLIT_LABEL] });
    assert.deepEqual(score.total, { ruleId: 'overall', tp: 1, fp: 0, fn: 0 });
    assert.equal(precisionOf(score.total), 1);
    assert.equal(recallOf(score.total), 1);
  });

  it('a mislabelled line lowers precision and recall, and names both mismatches', async () => {
    const score = await scoreSuite({
      labelled: [SPLIT_LABEL],
      mislabelled: [{ ...SPLIT_LABEL, line: 4 }],
    });
    const rule = score.rules.find((r) => r.ruleId === 'repro/unseeded');
    assert.deepEqual(rule, { ruleId: 'repro/unseeded', tp: 1, fp: 1, fn: 1 });
    assert.equal(precisionOf(score.total), 0.5);
    assert.deepEqual(score.mismatches.map((m) => `${m.caseName}:${m.line}:${m.kind}`).sort(), [
      'mislabelled:4:false negative',
      'mislabelled:5:false positive',
    ]);
  });

  it('a finding in a case labelled negative is a false positive', async () => {
    const score = await scoreSuite({ negative: [] });
    assert.deepEqual(score.total, { ruleId: 'overall', tp: 0, fp: 1, fn: 0 });
    assert.equal(recallOf(score.total), undefined);
  });

  it('scores a case without Python: a DVC workspace labelled on .dvc/config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-eval-'));
    suites.push(dir);
    mkdirSync(path.join(dir, 'dvc-keys', '.dvc'), { recursive: true });
    writeFileSync(
      path.join(dir, 'dvc-keys', '.dvc', 'config'),
      '[core]\n    remote = s3\n[\'remote "s3"\']\n    url = s3://bucket/x\n    secret_access_key = k\n',
    );
    const label = { file: '.dvc/config', line: 5, ruleId: 'dvc/remote-credentials-in-repo' };
    writeFileSync(path.join(dir, 'dvc-keys', 'labels.json'), JSON.stringify([label, { ...label, line: 4 }]));
    const score = scoreCases(await runCases(listCases(dir)));
    assert.deepEqual(score.rules, [{ ruleId: 'dvc/remote-credentials-in-repo', tp: 1, fp: 0, fn: 1 }]);
  });
});

describe('scoreCases', () => {
  it('matches each label at most once, so a duplicate report is a false positive', () => {
    const score = scoreCases([
      { name: 'dup', expected: [SPLIT_LABEL], reported: [SPLIT_LABEL, SPLIT_LABEL] },
    ]);
    assert.deepEqual(score.total, { ruleId: 'overall', tp: 1, fp: 1, fn: 0 });
  });

  it('matches on file, line and rule together', () => {
    const score = scoreCases([
      {
        name: 'other-rule',
        expected: [SPLIT_LABEL],
        reported: [
          { ...SPLIT_LABEL, ruleId: 'repro/unversioned-data' },
          { ...SPLIT_LABEL, file: 'serve.py' },
        ],
      },
    ]);
    assert.deepEqual(score.total, { ruleId: 'overall', tp: 0, fp: 2, fn: 1 });
  });
});
