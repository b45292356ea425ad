import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringListOf } from '../../server/python/facts/static-value.ts';
import { fixtureFacts, fixtureText, snippetFacts, textAt } from './fixture-facts.ts';

const TRAIN = 'churn/training/train.py';

describe('training script facts', () => {
  it('classifies the script as training and lists its imports and constants', async () => {
    const facts = await fixtureFacts(TRAIN);
    assert.equal(facts.role, 'training');
    assert.deepEqual(facts.notes, []);
    const fromShared = facts.imports.find((i) => i.module === 'shared.features');
    assert.deepEqual(fromShared?.names, [
      { name: 'MODEL_DIR', alias: null },
      { name: 'NUMERIC_FEATURES', alias: null },
    ]);
    assert.deepEqual(facts.importInsertPosition, { line: 13, character: 0 });
    const constants = Object.fromEntries(facts.constants.map((c) => [c.name, c.value]));
    assert.deepEqual(constants.DATA_PATH, { kind: 'path', value: 'data/churn.csv', base: 'cwd' });
    assert.deepEqual(stringListOf(constants.TRAIN_COLUMNS), ['age', 'income', 'tenure_months', 'plan_code']);
    assert.equal(constants.ARTIFACTS?.kind, 'path-join');
  });

  it('finds fitted transformers with the features they were fitted on', async () => {
    const facts = await fixtureFacts(TRAIN);
    const scaler = facts.transformers.find((t) => t.family === 'scaler');
    assert.equal(scaler?.className, 'sklearn.preprocessing.StandardScaler');
    assert.equal(scaler?.variable, 'scaler');
    assert.equal(scaler?.fits[0]?.method, 'fit_transform');
    assert.deepEqual(scaler?.fits[0]?.features?.columns, {
      kind: 'ref',
      module: 'shared.features',
      name: 'NUMERIC_FEATURES',
      level: 0,
    });
    const encoder = facts.transformers.find((t) => t.family === 'encoder');
    assert.deepEqual(stringListOf(encoder?.fits[0]?.features?.columns), ['plan']);
  });

  it('records per-feature transforms with their values', async () => {
    const facts = await fixtureFacts(TRAIN);
    const byFeature = (name: string) =>
      facts.featureTransforms.filter((t) => t.feature === name && t.steps.length > 0);
    assert.deepEqual(
      byFeature('income')[0]?.steps.map((s) => s.kind),
      ['fillna'],
    );
    const fill = byFeature('income')[0]?.steps[0];
    assert.ok(fill?.kind === 'fillna' && fill.value?.kind === 'number' && fill.value.value === 0);
    const clip = byFeature('age')[0]?.steps[0];
    assert.ok(clip?.kind === 'clip');
    assert.deepEqual(
      [clip.lower, clip.upper],
      [
        { kind: 'number', value: 18 },
        { kind: 'number', value: 90 },
      ],
    );
    assert.deepEqual(
      byFeature('plan')[0]?.steps.map((s) => (s.kind === 'string' ? s.op : s.kind)),
      ['lower', 'strip'],
    );
    const log = byFeature('tenure_months')[0];
    assert.ok(log?.steps[0]?.kind === 'log' && log.steps[0].fn === 'log1p');
    assert.equal(log.assignedTo, 'df["tenure_months"]');
    assert.equal(textAt(fixtureText(TRAIN), log.range), 'np.log1p(df["tenure_months"])');
  });

  it('records artifacts with resolved paths and what was saved', async () => {
    const facts = await fixtureFacts(TRAIN);
    const saves = facts.artifacts.filter((a) => a.direction === 'save');
    assert.deepEqual(
      saves.map((a) => [a.library, a.object?.kind]),
      [
        ['mlflow.sklearn', 'model'],
        ['joblib', 'model'],
        ['joblib', 'dict'],
      ],
    );
    assert.deepEqual(saves[0]?.registeredModelName, { kind: 'string', value: 'churn-model' });
    assert.deepEqual(
      saves[2]?.object?.entries.map((e) => [e.key, e.variable, e.kind]),
      [
        ['scaler', 'scaler', 'transformer'],
        ['encoder', 'encoder', 'transformer'],
      ],
    );
  });

  it('records the dataset read, unseeded randomness with an insertion point, and MLflow calls', async () => {
    const text = fixtureText(TRAIN);
    const facts = await fixtureFacts(TRAIN);
    assert.deepEqual(
      facts.datasets.map((d) => [d.api, d.path]),
      [['pandas.read_csv', { kind: 'path', value: 'data/churn.csv', base: 'cwd' }]],
    );
    const split = facts.randomness.find((r) => r.kind === 'split');
    assert.equal(split?.seeded, false);
    assert.equal(split?.call.arguments.needsComma, true);
    const insert = split?.call.arguments.insertPosition;
    assert.ok(insert);
    assert.equal(
      text.split('\n')[insert.line]?.slice(insert.character - 13, insert.character + 1),
      'test_size=0.2)',
    );
    assert.deepEqual(
      facts.randomness.map((r) => [r.kind, r.seeded]),
      [
        ['split', false],
        ['estimator', false],
      ],
    );
    assert.deepEqual(
      facts.mlflow.map((m) => [m.api, m.flavor]),
      [
        ['autolog', 'sklearn'],
        ['start_run', null],
        ['log_param', null],
        ['log_model', 'sklearn'],
      ],
    );
    assert.deepEqual(
      facts.featureLists.map((f) => [f.use, stringListOf(f.columns)]),
      [['fit', ['age', 'income', 'tenure_months', 'plan_code']]],
    );
  });
});

describe('training facts from snippets', () => {
  it('attributes a pipeline fit to the transformers inside the pipeline', async () => {
    const facts = await snippetFacts(
      [
        'from sklearn.pipeline import Pipeline, make_pipeline',
        'from sklearn.preprocessing import StandardScaler as SS',
        'from sklearn.impute import SimpleImputer',
        'from sklearn.linear_model import LogisticRegression',
        'COLS = ["a", "b"]',
        'pipe = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", SS()), ("clf", LogisticRegression())])',
        'pipe.fit(df[COLS], y)',
        'joblib.dump(pipe, "pipe.joblib")',
      ].join('\n'),
    );
    assert.deepEqual(
      facts.transformers.map((t) => [t.family, t.inPipeline, t.fits.length]),
      [
        ['imputer', 'pipe', 1],
        ['scaler', 'pipe', 1],
      ],
    );
    assert.deepEqual(stringListOf(facts.transformers[1]?.fits[0]?.features?.columns), ['a', 'b']);
    assert.equal(facts.transformers[0]?.construction.arguments.keywords[0]?.value.kind, 'string');
    assert.equal(facts.artifacts[0]?.object?.kind, 'pipeline');
  });

  it('follows train_test_split back to the selected columns', async () => {
    const facts = await snippetFacts(
      [
        'from sklearn.model_selection import train_test_split',
        'from sklearn.preprocessing import MinMaxScaler',
        'X = df[["x1", "x2"]]',
        'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
        'scaler = MinMaxScaler().fit(X_train)',
      ].join('\n'),
    );
    assert.deepEqual(stringListOf(facts.transformers[0]?.fits[0]?.features?.columns), ['x1', 'x2']);
    assert.equal(facts.transformers[0]?.fits[0]?.dataVariable, 'X');
    assert.equal(facts.randomness[0]?.seeded, true);
    assert.equal(facts.randomness[0]?.seedArgument, 'random_state');
  });

  it('records get_dummies, seeds, torch training loops and a DataLoader without a generator', async () => {
    const facts = await snippetFacts(
      [
        'import numpy as np, torch, random',
        'from torch.utils.data import DataLoader',
        'np.random.seed(7)',
        'torch.manual_seed(7)',
        'X = pd.get_dummies(df, columns=["plan"], drop_first=True)',
        'loader = DataLoader(ds, batch_size=32, shuffle=True)',
        'model.train()',
        'for xb, yb in loader:',
        '    loss = criterion(model(xb), yb)',
        '    loss.backward()',
        '    optimizer.step()',
        'noise = np.random.rand(3)',
      ].join('\n'),
    );
    assert.deepEqual(
      facts.seeds.map((s) => [s.api, s.value]),
      [
        ['numpy.random.seed', { kind: 'number', value: 7 }],
        ['torch.manual_seed', { kind: 'number', value: 7 }],
      ],
    );
    const dummies = facts.transformers.find((t) => t.family === 'dummies');
    assert.deepEqual(stringListOf(dummies?.fits[0]?.features?.columns), ['plan']);
    assert.deepEqual(
      facts.randomness.map((r) => [r.kind, r.seeded]),
      [
        ['dataloader', false],
        ['numpy-global', false],
      ],
    );
    assert.deepEqual(
      facts.trainingMarkers.map((m) => m.kind),
      ['train-mode', 'backward', 'optimizer-step'],
    );
    assert.equal(facts.role, 'training');
  });

  it('records autolog arguments and registration by name', async () => {
    const facts = await snippetFacts(
      [
        'import mlflow',
        'NAME = "fraud"',
        'mlflow.autolog(log_models=False)',
        'with mlflow.start_run() as run:',
        '    mlflow.log_params({"C": 1.0})',
        '    mlflow.log_input(dataset, context="training")',
        '    mlflow.register_model(f"runs:/{run.info.run_id}/model", NAME)',
      ].join('\n'),
    );
    const autolog = facts.mlflow.find((m) => m.api === 'autolog');
    assert.deepEqual(
      autolog?.call.arguments.keywords.map((k) => [k.name, k.value]),
      [['log_models', { kind: 'boolean', value: false }]],
    );
    assert.deepEqual(facts.mlflow.find((m) => m.api === 'register_model')?.registeredModelName, {
      kind: 'string',
      value: 'fraud',
    });
    assert.deepEqual(
      facts.mlflow.map((m) => m.api),
      ['autolog', 'start_run', 'log_params', 'log_input', 'register_model'],
    );
  });

  it('follows a scaler.transform(X_train) argument of fit back to the selected columns', async () => {
    const facts = await snippetFacts(
      [
        'from sklearn.model_selection import train_test_split',
        'FEATURES = ["a", "b", "c"]',
        'X_train, X_test, y_train, y_test = train_test_split(df[FEATURES], df["y"], random_state=0)',
        'model.fit(scaler.transform(X_train), y_train)',
      ].join('\n'),
    );
    assert.deepEqual(
      facts.featureLists.map((f) => [f.use, stringListOf(f.columns)]),
      [['fit', ['a', 'b', 'c']]],
    );
  });
});
