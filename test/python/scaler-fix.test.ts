import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import type { Report } from '../../server/engine/types.ts';
import { analysePythonText } from '../../server/python/analyse-python.ts';
import { reproUnsavedPreprocessor } from '../../server/python/rules/repro-unsaved-preprocessor.ts';
import { skewReimplementedTransform } from '../../server/python/rules/skew-reimplemented-transform.ts';
import { PythonWorkspaceIndex } from '../../server/python/workspace/workspace-index.ts';
import { FIXTURES, fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';
import { contextFor } from './rule-harness.ts';

const FOLDER = 'rules/skew-scaler-fix';
const ROOT = pathToFileURL(path.join(FIXTURES, FOLDER)).href;
const uriOf = (file: string) => `${ROOT}/${file}`;

async function check(texts: Map<string, string>) {
  const parser = await createTestParser();
  const index = new PythonWorkspaceIndex({ roots: [ROOT] });
  index.updateMany([...texts].map(([uri, text]) => analysePythonText(parser, uri, text)));
  const context = contextFor(texts, index);
  const reimplemented = index.pairs().flatMap((pair) => skewReimplementedTransform.check(pair, context));
  const training = index.get(uriOf('train.py'));
  assert.ok(training);
  const unsaved = reproUnsavedPreprocessor.check(training, context);
  return { index, reimplemented, unsaved };
}

function applyAcrossFiles(texts: Map<string, string>, report: Report): Map<string, string> {
  const fix = report.fixes?.[0];
  assert.ok(fix, 'the finding has a fix');
  const out = new Map(texts);
  for (const change of fix.changes) {
    const { text, skipped } = applyEdits(out.get(change.uri) ?? '', change.edits);
    assert.deepEqual(skipped, []);
    out.set(change.uri, text);
  }
  return out;
}

describe('skew/reimplemented-transform: load the fitted scaler', () => {
  it('rewrites the hand-scaled row to the fitted scaler, saving it in training, and both findings go away', async () => {
    const texts = new Map(
      ['features.py', 'train.py', 'serve.py'].map((file) => [uriOf(file), fixtureText(`${FOLDER}/${file}`)]),
    );
    const before = await check(texts);
    assert.equal(before.reimplemented.length, 4);
    assert.equal(before.unsaved.length, 1);
    const [first] = before.reimplemented;
    assert.ok(first);
    assert.deepEqual(
      first.fixes?.[0]?.changes.map((c) => path.basename(c.uri)),
      ['train.py', 'serve.py'],
    );
    const fixed = applyAcrossFiles(texts, first);
    const train = fixed.get(uriOf('train.py')) ?? '';
    const serve = fixed.get(uriOf('serve.py')) ?? '';
    assert.match(
      train,
      /\n {4}joblib\.dump\(model, MODEL_PATH\)\n {4}joblib\.dump\(scaler, "artifacts\/scaler\.joblib"\)\n/,
    );
    assert.match(
      serve,
      /import joblib\n\nSCALER = joblib\.load\("artifacts\/scaler\.joblib"\)\n\napp = FastAPI/,
    );
    assert.match(
      serve,
      /row = SCALER\.transform\(\[\[customer\.tenure_months, customer\.monthly_charges, income, contract\]\]\)\[0\]\.tolist\(\)\n/,
    );
    const after = await check(fixed);
    assert.deepEqual(after.reimplemented, []);
    assert.deepEqual(after.unsaved, []);
    for (const uri of [uriOf('train.py'), uriOf('serve.py')]) {
      assert.ok(!after.index.get(uri)?.notes.some((n) => n.code === 'parse-error'), `${uri} still parses`);
    }
  });

  it('loads from where training already saves the scaler, without touching training', async () => {
    const train = fixtureText(`${FOLDER}/train.py`).replace(
      '    joblib.dump(model, MODEL_PATH)\n',
      '    joblib.dump(model, MODEL_PATH)\n    joblib.dump({"scaler": scaler}, "artifacts/preprocessing.joblib")\n',
    );
    const texts = new Map([
      [uriOf('features.py'), fixtureText(`${FOLDER}/features.py`)],
      [uriOf('train.py'), train],
      [uriOf('serve.py'), fixtureText(`${FOLDER}/serve.py`)],
    ]);
    const { reimplemented, unsaved } = await check(texts);
    assert.deepEqual(unsaved, []);
    const fix = reimplemented[0]?.fixes?.[0];
    assert.deepEqual(
      fix?.changes.map((c) => path.basename(c.uri)),
      ['serve.py'],
    );
    const serve = applyAcrossFiles(texts, reimplemented[0] as Report).get(uriOf('serve.py')) ?? '';
    assert.match(serve, /SCALER = joblib\.load\("artifacts\/preprocessing\.joblib"\)\["scaler"\]/);
  });
});
