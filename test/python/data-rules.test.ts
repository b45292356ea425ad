import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analysePythonText } from '../../server/python/analyse-python.ts';
import { reproUnversionedData } from '../../server/python/rules/repro-unversioned-data.ts';
import { PythonWorkspaceIndex } from '../../server/python/workspace/workspace-index.ts';
import { fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';
import { applyFix, expectedLines } from './rule-harness.ts';

const URI = 'file:///w/train.py';

async function check(text: string, dvcTrackedPaths?: readonly string[]) {
  const parser = await createTestParser();
  const facts = analysePythonText(parser, URI, text);
  const context = {
    index: new PythonWorkspaceIndex({ roots: ['file:///w'] }),
    text: () => text,
    ...(dvcTrackedPaths ? { dvcTrackedPaths } : {}),
  };
  return reproUnversionedData.check(facts, context);
}

describe('repro/unversioned-data', () => {
  for (const [file, tracked] of [
    ['positive.py', undefined],
    ['tensor_readers.py', undefined],
    ['logged.py', undefined],
    ['dvc_tracked.py', ['data/prepared']],
  ] as const) {
    it(file, async () => {
      const text = fixtureText(`rules/repro-unversioned-data/${file}`);
      const reports = await check(text, tracked);
      assert.deepEqual(
        reports.map((r) => r.range.start.line),
        expectedLines(text, 'repro/unversioned-data'),
      );
    });
  }

  it('resolves a data path named by a constant imported from a shared module before the DVC check', async () => {
    const parser = await createTestParser();
    const index = new PythonWorkspaceIndex({ roots: ['file:///w'] });
    index.update(analysePythonText(parser, 'file:///w/paths.py', 'SALES = "data/prepared/sales.csv"\n'));
    const text = [
      'import pandas as pd',
      'from sklearn.linear_model import Lasso',
      'from paths import SALES',
      'sales = pd.read_csv(SALES)',
      'Lasso(alpha=0.1).fit(sales[["price"]], sales["units"])',
    ].join('\n');
    const facts = analysePythonText(parser, URI, text);
    index.update(facts);
    const check = (tracked: readonly string[]) =>
      reproUnversionedData.check(facts, { index, text: () => text, dvcTrackedPaths: tracked });
    assert.deepEqual(check(['data/prepared']), []);
    assert.deepEqual(
      check(['data/raw']).map((r) => r.message),
      [
        'pd.read_csv("data/prepared/sales.csv") reads training data that is neither tracked by DVC nor logged with a digest to the run.',
      ],
    );
  });

  it('reports a DVC-less read of the same path when DVC tracks something else', async () => {
    const reports = await check(fixtureText('rules/repro-unversioned-data/dvc_tracked.py'), ['data/raw']);
    assert.deepEqual(
      reports.map((r) => r.message),
      [
        'pd.read_csv("data/prepared/loans.csv") reads training data that is neither tracked by DVC nor logged with a digest to the run.',
      ],
    );
  });

  it('logs the dataset to the run as a fix, and the finding goes away', async () => {
    const text = fixtureText('rules/repro-unversioned-data/positive.py');
    const [first] = await check(text);
    const fix = first?.fixes?.[0];
    assert.ok(fix);
    const after = applyFix(text, fix, URI);
    assert.match(after, /import LogisticRegression\nimport mlflow\n/);
    assert.match(
      after,
      /\n {4}mlflow\.log_input\(mlflow\.data\.from_pandas\(df, source=str\(f"\{DATA_DIR\}\/loans\.parquet"\)\), context="training"\)\n/,
    );
    assert.deepEqual(await check(after), []);
  });
});
