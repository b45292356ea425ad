import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseNotebookJson } from '../../server/python/analyse-python.ts';
import { toCellLocation } from '../../server/python/notebook/cell-map.ts';
import { reproTuningOnTestSet } from '../../server/python/rules/repro-tuning-on-test-set.ts';
import { fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';
import { assertGolden, fixUntilClean } from './fix-until-clean.ts';
import { assertMatchesExpectations, checkFileRule, contextFor } from './rule-harness.ts';

const FOLDER = 'rules/repro-tuning-on-test-set';

describe('repro/tuning-on-test-set', () => {
  for (const file of ['positive.py', 'keras_checkpoint.py', 'negative.py', 'validation_fix.py']) {
    it(file, async () => {
      await assertMatchesExpectations(reproTuningOnTestSet, fixtureText(`${FOLDER}/${file}`), file);
    });
  }
});

describe('repro/tuning-on-test-set in a notebook', () => {
  it('reports validation_data on the test split in the cell that fits, across cells', async () => {
    const uri = 'file:///w/keras_checkpoint.ipynb';
    const json = fixtureText(`${FOLDER}/keras_checkpoint.ipynb`);
    const facts = analyseNotebookJson(await createTestParser(), uri, json);
    const reports = reproTuningOnTestSet.check(facts, contextFor(new Map([[uri, json]])));
    assert.equal(reports.length, 1);
    assert.ok(facts.notebook);
    const location = toCellLocation(facts.notebook, reports[0]?.range ?? assert.fail());
    assert.equal(location?.cellIndex, 3);
    assert.deepEqual(location?.range.start, { line: 3, character: 53 });
  });
});

describe('repro/tuning-on-test-set: the fixes, applied and re-checked', () => {
  it('splits a validation set off the training split for early stopping, and searches on the training split', async () => {
    const fixture = `${FOLDER}/validation_fix.py`;
    const { text, remaining } = await fixUntilClean(reproTuningOnTestSet, fixtureText(fixture));
    assertGolden(fixture, text);
    assert.deepEqual(remaining, []);
    assert.match(
      text,
      /^ {4}X_train, X_val, y_train, y_val = train_test_split\(X_train, y_train, test_size=0\.2, random_state=SEED\)$/m,
    );
    assert.match(text, /eval_set=\[\(X_val, y_val\)\]/);
    assert.match(text, /search\.fit\(X_train, y_train\)/);
    // The final score still reads the test split, once.
    assert.match(text, /roc_auc_score\(y_test, model\.predict_proba\(X_test\)/);
  });

  it('fixes change what the model trains on, so none is safe', async () => {
    const { reports } = await checkFileRule(reproTuningOnTestSet, fixtureText(`${FOLDER}/validation_fix.py`));
    const fixes = reports.flatMap((r) => r.fixes ?? []);
    assert.equal(fixes.length, 2);
    assert.ok(fixes.every((fix) => !fix.safe));
  });

  it('offers no validation split when the test data comes from no split in the file, or the name is taken', async () => {
    const unsplit = [
      'import xgboost as xgb',
      'X_test, y_test = load_holdout()',
      'xgb.XGBClassifier(early_stopping_rounds=5).fit(X, y, eval_set=[(X_test, y_test)])',
      '',
    ].join('\n');
    const taken = [
      'import xgboost as xgb',
      'from sklearn.model_selection import train_test_split',
      'X_val = None',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
      'xgb.XGBClassifier(early_stopping_rounds=5).fit(X_train, y_train, eval_set=[(X_test, y_test)])',
      '',
    ].join('\n');
    for (const text of [unsplit, taken]) {
      const { reports } = await checkFileRule(reproTuningOnTestSet, text);
      assert.equal(reports.length, 1, text);
      assert.deepEqual(reports[0]?.fixes, []);
    }
  });

  it('points at where a test score was computed when the choice reads it through a variable', async () => {
    const { reports } = await checkFileRule(reproTuningOnTestSet, fixtureText(`${FOLDER}/positive.py`));
    const loop = reports.find((r) => r.message.startsWith('The best candidate') && r.related);
    assert.ok(loop);
    assert.equal(loop.related?.[0]?.message, 'the test split comes in here');
    assert.equal(loop.related?.[0]?.range.start.line, 26);
  });

  it('test files are not judged: their cases are named test', async () => {
    const text = fixtureText(`${FOLDER}/positive.py`);
    for (const uri of ['file:///w/tests/test_train.py', 'file:///w/train_test.py', 'file:///w/conftest.py']) {
      const { reports } = await checkFileRule(reproTuningOnTestSet, text, uri);
      assert.deepEqual(reports, [], uri);
    }
    const { reports } = await checkFileRule(reproTuningOnTestSet, text, 'file:///w/pipelines/train.py');
    assert.equal(reports.length, 6);
  });

  it('never throws on broken Python', async () => {
    for (const text of ['X_train, X_test = train_test_split(', 'if score >\n  for', 'eval_set=[(X_test']) {
      const { reports } = await checkFileRule(reproTuningOnTestSet, text);
      assert.ok(Array.isArray(reports));
    }
  });
});
