import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analysePythonText } from '../../server/python/analyse-python.ts';
import { servePandasPerRequest } from '../../server/python/rules/serve-pandas-per-request.ts';
import { skewTokenizerMismatch } from '../../server/python/rules/skew-tokenizer-mismatch.ts';
import { PythonWorkspaceIndex } from '../../server/python/workspace/workspace-index.ts';
import { FIXTURES, fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';
import { applyFix, assertMatchesExpectations, contextFor, expectedLines } from './rule-harness.ts';

describe('serve/pandas-per-request', () => {
  for (const file of ['positive.py', 'negative.py', 'batch_comprehension.py']) {
    it(file, async () => {
      await assertMatchesExpectations(
        servePandasPerRequest,
        fixtureText(`rules/serve-pandas-per-request/${file}`),
        file,
      );
    });
  }
});

describe('skew/tokenizer-mismatch', () => {
  const FOLDER = 'rules/skew-tokenizer-mismatch';
  const ROOT = pathToFileURL(path.join(FIXTURES, FOLDER)).href;
  const uriOf = (file: string) => `${ROOT}/${file}`;

  async function check(overrides: ReadonlyMap<string, string> = new Map()) {
    const parser = await createTestParser();
    const index = new PythonWorkspaceIndex({ roots: [ROOT] });
    const texts = new Map<string, string>();
    for (const file of ['train.py', 'serve.py', 'serve_ok.py']) {
      const text = overrides.get(file) ?? fixtureText(`${FOLDER}/${file}`);
      texts.set(uriOf(file), text);
      index.update(analysePythonText(parser, uriOf(file), text));
    }
    const reports = index
      .pairs()
      .flatMap((pair) => skewTokenizerMismatch.check(pair, contextFor(texts, index)));
    return { index, texts, reports };
  }

  it('compares the tokenizer name and encoding settings of paired files', async () => {
    const { index, reports } = await check();
    assert.equal(index.pairs().length, 2, 'training pairs with both services through out/sentiment');
    for (const file of ['serve.py', 'serve_ok.py']) {
      const lines = reports.filter((r) => r.uri === uriOf(file)).map((r) => r.range.start.line);
      assert.deepEqual(
        lines,
        expectedLines(fixtureText(`${FOLDER}/${file}`), 'skew/tokenizer-mismatch'),
        file,
      );
    }
    assert.deepEqual(reports.map((r) => r.message).sort(), [
      'Tokenizer max_length: training uses 128, serving 512.',
      'Tokenizer name: training uses "bert-base-uncased", serving "bert-base-cased".',
    ]);
  });

  it("a tokenizer loaded from the folder training saved to is training's own, whatever its base name", async () => {
    const fromSavedFolder = fixtureText(`${FOLDER}/serve_ok.py`).replace(
      'AutoTokenizer.from_pretrained("bert-base-uncased", revision="v1")',
      'AutoTokenizer.from_pretrained("out/sentiment")',
    );
    const fromOtherBase = fromSavedFolder.replace(
      'from_pretrained("out/sentiment")',
      'from_pretrained("bert-base-cased")',
    );
    const saved = await check(new Map([['serve_ok.py', fromSavedFolder]]));
    assert.deepEqual(
      saved.reports.filter((r) => r.uri === uriOf('serve_ok.py')),
      [],
    );
    const other = await check(new Map([['serve_ok.py', fromOtherBase]]));
    assert.deepEqual(
      other.reports.filter((r) => r.uri === uriOf('serve_ok.py')).map((r) => r.message),
      ['Tokenizer name: training uses "bert-base-uncased", serving "bert-base-cased".'],
    );
  });

  it("fixes each setting with training's value, and the findings go away", async () => {
    const { reports, texts } = await check();
    let text = texts.get(uriOf('serve.py')) ?? '';
    for (const report of [...reports].sort((a, b) => b.range.start.line - a.range.start.line)) {
      const fix = report.fixes?.[0];
      assert.ok(fix);
      text = applyFix(text, fix, uriOf('serve.py'));
    }
    assert.match(text, /from_pretrained\("bert-base-uncased", revision="v1"\)/);
    assert.match(text, /max_length=128,/);
    const again = await check(new Map([['serve.py', text]]));
    assert.deepEqual(
      again.reports.filter((r) => r.uri === uriOf('serve.py')),
      [],
    );
  });
});
