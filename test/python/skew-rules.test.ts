import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Report } from '../../server/engine/types.ts';
import { analysePythonText } from '../../server/python/analyse-python.ts';
import { skewDivergentTransform } from '../../server/python/rules/skew-divergent-transform.ts';
import { skewRefitInServing } from '../../server/python/rules/skew-refit-in-serving.ts';
import { skewReimplementedTransform } from '../../server/python/rules/skew-reimplemented-transform.ts';
import type { PythonPairRule } from '../../server/python/rules/python-rule.ts';
import { PythonWorkspaceIndex } from '../../server/python/workspace/workspace-index.ts';
import { FIXTURES, fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';
import { applyFix, contextFor, expectedLines } from './rule-harness.ts';

const FOLDER = 'rules/skew-pair';
const FILES = ['train.py', 'serve.py', 'serve_ok.py', 'serve_refit.py'];
const ROOT = pathToFileURL(path.join(FIXTURES, FOLDER)).href;
const uriOf = (file: string) => `${ROOT}/${file}`;

async function skewWorkspace() {
  const parser = await createTestParser();
  const index = new PythonWorkspaceIndex({ roots: [ROOT] });
  const texts = new Map<string, string>();
  for (const file of FILES) {
    const text = fixtureText(`${FOLDER}/${file}`);
    texts.set(uriOf(file), text);
    index.update(analysePythonText(parser, uriOf(file), text));
  }
  return { index, context: contextFor(texts, index) };
}

function linesIn(reports: readonly Report[], file: string): number[] {
  return [...new Set(reports.filter((r) => r.uri === uriOf(file)).map((r) => r.range.start.line))].sort(
    (a, b) => a - b,
  );
}

describe('skew pair rules on a credit model', () => {
  it('pairs the training script with each service through the saved bundle', async () => {
    const { index } = await skewWorkspace();
    assert.deepEqual(
      index
        .pairs()
        .map((p) => path.basename(p.serving))
        .sort(),
      ['serve.py', 'serve_ok.py', 'serve_refit.py'],
    );
  });

  const rules: PythonPairRule[] = [skewDivergentTransform, skewReimplementedTransform];
  for (const rule of rules) {
    it(`${rule.meta.id}: findings exactly on the marked lines of each service`, async () => {
      const { index, context } = await skewWorkspace();
      const reports = index.pairs().flatMap((pair) => rule.check(pair, context));
      for (const file of ['serve.py', 'serve_ok.py', 'serve_refit.py']) {
        assert.deepEqual(
          linesIn(reports, file),
          expectedLines(fixtureText(`${FOLDER}/${file}`), rule.meta.id),
          file,
        );
      }
      assert.ok(reports.every((r) => r.related?.[0]?.uri === uriOf('train.py')));
    });
  }

  it('skew/divergent-transform names the feature and both values', async () => {
    const { index, context } = await skewWorkspace();
    const pair = index.pairs().find((p) => p.serving === uriOf('serve.py'));
    assert.ok(pair);
    const messages = skewDivergentTransform.check(pair, context).map((r) => r.message);
    assert.deepEqual(messages.sort(), [
      'age: training bins at [0, 25, 45, 65, 120], serving at [0, 30, 50, 70, 120].',
      'debt: training applies log1p, serving log.',
      'debt: training clips to [0, 1000000], serving to [0, 500000].',
      'income: training fills missing with the median, serving with 42000.',
      'opened: training parses dates as "%Y-%m-%d", serving as "%d/%m/%Y".',
      'region: training normalises text with strip, lower, serving with lower.',
      'score: training casts to float64, serving to int.',
    ]);
  });

  it('skew/refit-in-serving: fits and get_dummies in serving code, nothing in training', async () => {
    const { index, context } = await skewWorkspace();
    for (const file of FILES) {
      const facts = index.get(uriOf(file));
      assert.ok(facts);
      const lines = skewRefitInServing.check(facts, context).map((r) => r.range.start.line);
      assert.deepEqual(lines, expectedLines(fixtureText(`${FOLDER}/${file}`), 'skew/refit-in-serving'), file);
    }
  });
});

describe('skew/divergent-transform fix', () => {
  it("replaces serving's fill value with training's, and the finding goes away", async () => {
    const root = pathToFileURL(path.join(FIXTURES, 'churn')).href;
    const files = ['shared/features.py', 'training/train.py', 'serving/app.py'];
    const parser = await createTestParser();
    const texts = new Map(files.map((file) => [`${root}/${file}`, fixtureText(`churn/${file}`)]));
    const run = (current: Map<string, string>) => {
      const index = new PythonWorkspaceIndex({ roots: [root] });
      index.updateMany([...current].map(([uri, text]) => analysePythonText(parser, uri, text)));
      return index.pairs().flatMap((pair) => skewDivergentTransform.check(pair, contextFor(current, index)));
    };
    const income = run(texts).find((r) => r.message.startsWith('income:'));
    assert.equal(income?.message, 'income: training fills missing with 0, serving with 52000.');
    const fix = income?.fixes?.[0];
    assert.ok(fix);
    const serving = `${root}/serving/app.py`;
    const after = applyFix(texts.get(serving) ?? '', fix, serving);
    assert.match(after, /income = customer\.income or 0\n/);
    const again = run(new Map(texts).set(serving, after));
    assert.equal(
      again.find((r) => r.message.startsWith('income:')),
      undefined,
    );
  });
});
