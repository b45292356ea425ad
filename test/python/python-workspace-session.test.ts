import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../../server/engine/line-index.ts';
import { PythonWorkspaceSession } from '../../server/python/python-workspace-session.ts';
import { FIXTURES, fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';

const FOLDER = 'rules/skew-pair';
const ROOT = pathToFileURL(path.join(FIXTURES, FOLDER)).href;
const uriOf = (file: string) => `${ROOT}/${file}`;

async function session() {
  const parser = await createTestParser();
  const s = new PythonWorkspaceSession(parser, { roots: [ROOT] });
  const files = new Map(
    ['train.py', 'serve.py', 'serve_ok.py', 'serve_refit.py'].map((f) => [
      uriOf(f),
      fixtureText(`${FOLDER}/${f}`),
    ]),
  );
  const touched = s.loadAll(files);
  return { s, touched };
}

describe('PythonWorkspaceSession', () => {
  it('loads a workspace and reports findings per file, from file rules and pair rules', async () => {
    const { s, touched } = await session();
    assert.ok(touched.includes(uriOf('serve.py')));
    const rules = (uri: string) => [...new Set(s.findingsFor(uri).map((f) => f.ruleId))].sort();
    assert.deepEqual(rules(uriOf('serve.py')), ['skew/divergent-transform', 'skew/reimplemented-transform']);
    assert.deepEqual(rules(uriOf('serve_refit.py')), ['skew/refit-in-serving']);
    assert.deepEqual(rules(uriOf('serve_ok.py')), ['serve/pandas-per-request']);
    assert.ok(rules(uriOf('train.py')).includes('repro/unversioned-data'));
  });

  it('an edit in the training file re-checks the paired services and updates their findings', async () => {
    const { s } = await session();
    const train = fixtureText(`${FOLDER}/train.py`);
    s.open(uriOf('train.py'), train);
    const incomeFindings = () =>
      s.findingsFor(uriOf('serve.py')).filter((f) => f.message.startsWith('income: training fills'));
    assert.equal(incomeFindings().length, 1);
    const lines = new LineIndex(train);
    const line = train.split('\n').findIndex((l) => l.includes('df["income"].fillna('));
    const start = train.split('\n')[line]?.indexOf('df["income"].median()') ?? -1;
    assert.ok(line >= 0 && start >= 0);
    const range = {
      start: { line, character: start },
      end: { line, character: start + 'df["income"].median()'.length },
    };
    assert.equal(
      lines.lineText(line).slice(range.start.character, range.end.character),
      'df["income"].median()',
    );
    const started = performance.now();
    const touched = s.change(uriOf('train.py'), [{ range, text: '42000.0' }]);
    const ms = performance.now() - started;
    assert.ok(touched.includes(uriOf('serve.py')), 'the paired service is re-checked');
    assert.deepEqual(incomeFindings(), [], 'serving fills with 42000.0 too now');
    assert.ok(ms < 2_000, `edit to findings took ${ms.toFixed(0)} ms`);
    s.dispose();
  });

  it('deleting the training file removes the pair findings from the services', async () => {
    const { s } = await session();
    const touched = s.remove(uriOf('train.py'));
    assert.ok(touched.includes(uriOf('serve.py')));
    assert.deepEqual(
      s.findingsFor(uriOf('serve.py')).filter((f) => f.ruleId.startsWith('skew/')),
      [],
    );
  });

  it('sync re-analyses only when the text changed', async () => {
    const { s } = await session();
    const text = fixtureText(`${FOLDER}/serve_refit.py`);
    assert.deepEqual(s.sync(uriOf('serve_refit.py'), text), []);
    const fixed = text.replace('StandardScaler().fit_transform(', 'BUNDLE["scaler"].transform(');
    assert.ok(s.sync(uriOf('serve_refit.py'), fixed).includes(uriOf('serve_refit.py')));
    assert.equal(
      s.findingsFor(uriOf('serve_refit.py')).filter((f) => f.ruleId === 'skew/refit-in-serving').length,
      1,
      'get_dummies remains',
    );
  });
});
