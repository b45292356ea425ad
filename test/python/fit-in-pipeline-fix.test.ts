import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reproFitBeforeSplit } from '../../server/python/rules/repro-fit-before-split.ts';
import { fixtureText } from './fixture-facts.ts';
import { assertGolden, fixUntilClean } from './fix-until-clean.ts';
import { checkFileRule } from './rule-harness.ts';

const FOLDER = 'rules/repro-fit-before-split';

describe('repro/fit-before-split: the Pipeline fix, applied and re-checked', () => {
  it('splits the raw data and fits preprocessor and model as one pipeline on the training split', async () => {
    const fixture = `${FOLDER}/pipeline_fix.py`;
    const { text, remaining } = await fixUntilClean(reproFitBeforeSplit, fixtureText(fixture));
    assertGolden(fixture, text);
    assert.deepEqual(remaining, []);
    assert.match(text, /^from sklearn\.pipeline import make_pipeline$/m);
    assert.doesNotMatch(text, /X_scaled|fit_transform|MinMaxScaler\(\)\.fit/);
    assert.match(text, /train_test_split\(X, y, random_state=0\)/);
    assert.match(
      text,
      /^model = make_pipeline\(scaler, LogisticRegression\(max_iter=300, random_state=0\)\)\.fit\(X_train, y_train\)$/m,
    );
    // A bare `clf.fit(...)`: the name now holds the pipeline, so later predictions go through it.
    assert.match(text, /^ {4}clf = make_pipeline\(minmax, clf\)\.fit\(f_train, t_train\)$/m);
  });

  it('offers no fix when the split takes other columns, or no model is fitted on the training split', async () => {
    const { reports } = await checkFileRule(reproFitBeforeSplit, fixtureText(`${FOLDER}/positive.py`));
    assert.equal(reports.length, 3);
    assert.deepEqual(
      reports.map((r) => (r.fixes ?? []).length),
      [0, 0, 0],
    );
  });

  it('offers no fix when the scaled copy is used again after the split', async () => {
    const text = [
      'from sklearn.linear_model import LogisticRegression',
      'from sklearn.model_selection import train_test_split',
      'from sklearn.preprocessing import StandardScaler',
      'scaler = StandardScaler()',
      'X_scaled = scaler.fit_transform(X)',
      'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)',
      'model = LogisticRegression(random_state=0).fit(X_train, y_train)',
      'print(X_scaled.mean())',
      '',
    ].join('\n');
    const { reports } = await checkFileRule(reproFitBeforeSplit, text);
    assert.equal(reports.length, 1);
    assert.deepEqual(reports[0]?.fixes, []);
  });
});
