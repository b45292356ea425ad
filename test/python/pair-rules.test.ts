import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analysePythonText } from '../../server/python/analyse-python.ts';
import { skewFeatureMismatch } from '../../server/python/rules/skew-feature-mismatch.ts';
import { PythonWorkspaceIndex } from '../../server/python/workspace/workspace-index.ts';
import { FIXTURES, fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';
import { applyFix, contextFor, expectedLines } from './rule-harness.ts';

const FOLDER = 'rules/skew-feature-mismatch';
const FILES = [
  'shared/__init__.py',
  'shared/columns.py',
  'train.py',
  'serve_reordered.py',
  'serve_missing.py',
  'serve_ok.py',
  'serve_scaled_row.py',
];
const ROOT = pathToFileURL(path.join(FIXTURES, FOLDER)).href;
const uriOf = (file: string) => `${ROOT}/${file}`;

async function workspace(overrides: ReadonlyMap<string, string> = new Map()) {
  const parser = await createTestParser();
  const index = new PythonWorkspaceIndex({ roots: [ROOT] });
  const texts = new Map<string, string>();
  for (const file of FILES) {
    const text = overrides.get(file) ?? fixtureText(`${FOLDER}/${file}`);
    texts.set(uriOf(file), text);
    index.update(analysePythonText(parser, uriOf(file), text));
  }
  const context = contextFor(texts, index);
  const reports = index.pairs().flatMap((pair) => skewFeatureMismatch.check(pair, context));
  return { index, texts, reports };
}

describe('skew/feature-mismatch', () => {
  it('reports reordered and missing features on the serving side, pointing at training', async () => {
    const { reports, index } = await workspace();
    assert.equal(index.pairs().length, 4);
    for (const file of ['serve_reordered.py', 'serve_missing.py', 'serve_ok.py', 'serve_scaled_row.py']) {
      const lines = reports.filter((r) => r.uri === uriOf(file)).map((r) => r.range.start.line);
      assert.deepEqual(lines, expectedLines(fixtureText(`${FOLDER}/${file}`), 'skew/feature-mismatch'), file);
    }
    const reordered = reports.find((r) => r.uri === uriOf('serve_reordered.py'));
    assert.match(
      reordered?.message ?? '',
      /different order: serving \[income, age, tenure\], training \[age, income, tenure\]/,
    );
    assert.equal(reordered?.related?.[0]?.uri, uriOf('train.py'));
    const missing = reports.find((r) => r.uri === uriOf('serve_missing.py'));
    assert.match(missing?.message ?? '', /has 2 values but training fit on 3 features/);
    assert.deepEqual(missing?.fixes, []);
  });

  it('fixes a column list by importing the training feature list, and the finding goes away', async () => {
    const { reports, texts } = await workspace();
    const reordered = reports.find((r) => r.uri === uriOf('serve_reordered.py'));
    const fix = reordered?.fixes?.[0];
    assert.ok(fix);
    assert.equal(fix.safe, true, 'the list lives in a shared module');
    const after = applyFix(texts.get(uriOf('serve_reordered.py')) ?? '', fix, uriOf('serve_reordered.py'));
    assert.match(after, /from shared\.columns import FEATURES\n/);
    assert.match(after, /model\.predict\(frame\[FEATURES\]\)/);
    const again = await workspace(new Map([['serve_reordered.py', after]]));
    assert.deepEqual(
      again.reports.filter((r) => r.uri === uriOf('serve_reordered.py')),
      [],
    );
  });
});
