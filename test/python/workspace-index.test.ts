import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { stringListOf } from '../../server/python/facts/static-value.ts';
import { artifactKeysMatch } from '../../server/python/workspace/artifact-paths.ts';
import { ModuleMap } from '../../server/python/workspace/module-map.ts';
import { PythonWorkspaceIndex } from '../../server/python/workspace/workspace-index.ts';
import { FIXTURES, fixtureFacts, fixtureText, fixtureUri, snippetFacts } from './fixture-facts.ts';

const ROOT = pathToFileURL(path.join(FIXTURES, 'churn')).href;
const FILES = [
  'shared/features.py',
  'training/train.py',
  'serving/app.py',
  'serving/flask_app.py',
  'serving/batch_app.py',
  'serving/lib/__init__.py',
  'serving/lib/loader.py',
];
const uri = (relative: string) => fixtureUri(`churn/${relative}`);

async function churnIndex(
  explicitPairs: { training: string[]; serving: string[] }[] = [],
): Promise<PythonWorkspaceIndex> {
  const index = new PythonWorkspaceIndex({ roots: [ROOT], explicitPairs });
  for (const file of FILES) index.update(await fixtureFacts(`churn/${file}`));
  return index;
}

describe('ModuleMap', () => {
  it('resolves absolute imports from the script folder upwards, relative imports from the package, and src layouts', () => {
    const modules = new ModuleMap(['file:///w']);
    for (const file of [
      '/w/config.py',
      '/w/pkg/__init__.py',
      '/w/pkg/a.py',
      '/w/pkg/sub/b.py',
      '/w/src/lib/core.py',
      '/w/scripts/helpers.py',
    ])
      modules.add(`file://${file}`);
    assert.equal(modules.resolve('file:///w/scripts/run.py', 'helpers', 0), 'file:///w/scripts/helpers.py');
    assert.equal(modules.resolve('file:///w/scripts/run.py', 'config', 0), 'file:///w/config.py');
    assert.equal(modules.resolve('file:///w/pkg/sub/b.py', 'a', 2), 'file:///w/pkg/a.py');
    assert.equal(modules.resolve('file:///w/pkg/sub/b.py', '', 2), 'file:///w/pkg/__init__.py');
    assert.equal(modules.resolve('file:///w/train.py', 'lib.core', 0), 'file:///w/src/lib/core.py');
    assert.equal(modules.resolve('file:///w/train.py', 'numpy', 0), null);
    assert.equal(modules.moduleNameOf('file:///w/pkg/sub/b.py'), 'pkg.sub.b');
    assert.equal(modules.moduleNameOf('file:///w/pkg/__init__.py'), 'pkg');
  });
});

describe('artifact path matching', () => {
  it('matches equal paths, a leading folder, and globs, but not a bare shared name', () => {
    assert.ok(artifactKeysMatch('artifacts/model.joblib', 'artifacts/model.joblib'));
    assert.ok(artifactKeysMatch('/srv/app/artifacts/model.joblib', 'artifacts/model.joblib'));
    assert.ok(artifactKeysMatch('model.joblib', 'artifacts/model.joblib'));
    assert.ok(artifactKeysMatch('artifacts/*.joblib', 'artifacts/model.joblib'));
    assert.ok(!artifactKeysMatch('out/model', 'hub/model'));
    assert.ok(!artifactKeysMatch('a/model.joblib', 'b/scaler.joblib'));
  });
});

describe('PythonWorkspaceIndex', () => {
  it('resolves constants through imports across files, including list concatenation and path joins', async () => {
    const index = await churnIndex();
    const train = index.get(uri('training/train.py'));
    const scaler = train?.transformers.find((t) => t.family === 'scaler');
    const columns = scaler?.fits[0]?.features?.columns;
    assert.ok(columns);
    assert.deepEqual(stringListOf(index.resolve(uri('training/train.py'), columns)), [
      'age',
      'income',
      'tenure_months',
    ]);
    const flask = index.get(uri('serving/flask_app.py'));
    const features = flask?.featureLists[0]?.columns;
    assert.ok(features);
    assert.deepEqual(stringListOf(index.resolve(uri('serving/flask_app.py'), features)), [
      'age',
      'income',
      'tenure_months',
      'plan',
    ]);
    const dump = train?.artifacts.find((a) => a.object?.kind === 'dict')?.path;
    assert.ok(dump);
    assert.deepEqual(index.resolve(uri('training/train.py'), dump), {
      kind: 'path',
      value: 'artifacts/preprocessors.joblib',
      base: 'cwd',
    });
    assert.equal(
      index.resolveImport(uri('serving/batch_app.py'), 'lib.loader', 1),
      uri('serving/lib/loader.py'),
    );
  });

  it('pairs training with serving through saved and loaded artifacts and a helper module', async () => {
    const index = await churnIndex();
    const pairs = index
      .pairs()
      .map((p) => [
        path.basename(p.training),
        path.basename(p.serving),
        p.links.map((l) => (l.kind === 'artifact' ? l.path : l.kind)),
      ]);
    assert.deepEqual(pairs.sort(), [
      ['train.py', 'app.py', ['artifacts/model.joblib']],
      ['train.py', 'batch_app.py', ['artifacts/preprocessors.joblib']],
    ]);
    const batch = index.pairs().find((p) => p.serving === uri('serving/batch_app.py'));
    assert.deepEqual(
      batch?.servingFiles.map((f) => path.relative(path.join(FIXTURES, 'churn'), new URL(f).pathname)).sort(),
      ['serving/batch_app.py', 'serving/lib/loader.py', 'shared/features.py'],
    );
  });

  it('pairs saves and loads whose paths end alike, through a leading folder, a bare file name or a glob', async () => {
    const index = new PythonWorkspaceIndex({ roots: ['file:///w'], explicitPairs: [] });
    const save = (file: string, target: string) =>
      snippetFacts(`import joblib\nmodel.fit(X, y)\njoblib.dump(model, "${target}")\n`, `file:///w/${file}`);
    const load = (file: string, source: string) =>
      snippetFacts(
        `import joblib\nfrom fastapi import FastAPI\napp = FastAPI()\nmodel = joblib.load("${source}")\n@app.post("/p")\ndef predict(x: dict):\n    return model.predict([x])\n`,
        `file:///w/${file}`,
      );
    for (const facts of await Promise.all([
      save('train_a.py', 'out/a/model.joblib'),
      save('train_b.py', 'out/b/model.joblib'),
      save('train_c.py', 'c/*.joblib'),
      load('serve_a.py', '/srv/out/a/model.joblib'),
      load('serve_b.py', 'b/model.joblib'),
      load('serve_any.py', 'model.joblib'),
      load('serve_c.py', 'c/scaler.joblib'),
      load('serve_none.py', 'x/model.joblib'),
    ]))
      index.update(facts);
    const pairs = index.pairs().map((p) => `${path.basename(p.training)} > ${path.basename(p.serving)}`);
    assert.deepEqual(pairs.sort(), [
      'train_a.py > serve_a.py',
      'train_a.py > serve_any.py',
      'train_b.py > serve_any.py',
      'train_b.py > serve_b.py',
      'train_c.py > serve_c.py',
    ]);
  });

  it('answers which pairs a change affects, including through a shared module', async () => {
    const index = await churnIndex();
    const names = (pairs: readonly { serving: string }[]) =>
      pairs.map((p) => path.basename(p.serving)).sort();
    assert.deepEqual(names(index.pairsAffectedBy(uri('training/train.py'))), ['app.py', 'batch_app.py']);
    assert.deepEqual(names(index.pairsAffectedBy(uri('serving/app.py'))), ['app.py']);
    assert.deepEqual(names(index.pairsAffectedBy(uri('serving/lib/loader.py'))), ['batch_app.py']);
    assert.deepEqual(names(index.pairsAffectedBy(uri('shared/features.py'))), ['app.py', 'batch_app.py']);
    assert.deepEqual(index.pairsAffectedBy(uri('serving/flask_app.py')), []);
  });

  it('reports new and removed pairs when a file changes', async () => {
    const index = await churnIndex();
    const renamed = await snippetFacts(
      'import joblib\njoblib.dump(model, "artifacts/other.joblib")\nmodel.fit(X, y)\n',
      uri('training/train.py'),
    );
    const change = index.update(renamed);
    assert.equal(change.removed.length, 2);
    assert.deepEqual(change.affected, []);
    const back = index.update(await fixtureFacts('churn/training/train.py'));
    assert.equal(back.affected.length, 2);
    assert.deepEqual(back.removed, []);
  });

  it('pairs through a registered model name', async () => {
    const index = new PythonWorkspaceIndex({ roots: ['file:///w'] });
    index.update(
      await snippetFacts(
        'import mlflow\nmodel.fit(X, y)\nmlflow.sklearn.log_model(model, "model", registered_model_name="fraud")\n',
        'file:///w/train.py',
      ),
    );
    const serving = await snippetFacts(
      'import mlflow\nfrom fastapi import FastAPI\napp = FastAPI()\nmodel = mlflow.pyfunc.load_model("models:/fraud/Production")\n@app.post("/p")\ndef p(x: dict):\n    return model.predict(x)\n',
      'file:///w/serve.py',
    );
    const change = index.update(serving);
    assert.equal(change.affected.length, 1);
    assert.deepEqual(
      change.affected[0]?.links.map((l) => (l.kind === 'registered-model' ? l.name : l.kind)),
      ['fraud'],
    );
  });

  it('pairs files named in configuration, by workspace-relative glob', async () => {
    const index = await churnIndex([{ training: ['training/*.py'], serving: ['serving/flask_app.py'] }]);
    const flask = index.pairsAffectedBy(uri('serving/flask_app.py'));
    assert.deepEqual(
      flask.map((p) => [path.basename(p.training), p.links.map((l) => l.kind)]),
      [['train.py', ['explicit']]],
    );
    const cleared = index.setExplicitPairs([]);
    assert.equal(cleared.removed.length, 1);
  });

  it('forgets a removed file and the pairs through it', async () => {
    const index = await churnIndex();
    const change = index.remove(uri('serving/lib/loader.py'));
    assert.equal(change.removed.length, 1);
    assert.equal(index.get(uri('serving/lib/loader.py')), undefined);
    assert.deepEqual(
      index.pairs().map((p) => path.basename(p.serving)),
      ['app.py'],
    );
  });

  it('indexes a whole workspace at once with the same pairs as file-by-file updates', async () => {
    const one = await churnIndex();
    const all = new PythonWorkspaceIndex({ roots: [ROOT] });
    const facts = await Promise.all([...FILES].reverse().map((file) => fixtureFacts(`churn/${file}`)));
    const change = all.updateMany(facts);
    const keys = (pairs: readonly { key: string }[]) => pairs.map((p) => p.key).sort();
    assert.deepEqual(keys(change.affected), keys(one.pairs()));
    assert.deepEqual(
      keys(all.pairsAffectedBy(uri('shared/features.py'))),
      keys(one.pairsAffectedBy(uri('shared/features.py'))),
    );
  });

  it('finds a module added after the files that import it', async () => {
    const index = new PythonWorkspaceIndex({ roots: [ROOT] });
    for (const file of [...FILES].reverse()) index.update(await fixtureFacts(`churn/${file}`));
    assert.deepEqual(
      index.dependenciesOf(uri('serving/batch_app.py')).sort(),
      [uri('serving/lib/loader.py'), uri('shared/features.py')].sort(),
    );
    assert.equal(index.pairs().length, 2);
  });

  it('an edit that keeps imports and artifacts re-checks only the pairs of that file', async () => {
    const index = await churnIndex();
    const pairsBefore = index.pairs();
    const text = fixtureText('churn/serving/app.py').replace('52000.0', '51000.0');
    const change = index.update(await snippetFacts(text, uri('serving/app.py')));
    assert.deepEqual(
      change.affected.map((p) => path.basename(p.serving)),
      ['app.py'],
    );
    assert.deepEqual(change.removed, []);
    assert.deepEqual(index.pairs(), pairsBefore);
  });
});
