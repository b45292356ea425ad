import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringListOf } from '../../server/python/facts/static-value.ts';
import { fixtureFacts, fixtureText, snippetFacts, textAt } from './fixture-facts.ts';

const APP = 'churn/serving/app.py';

describe('FastAPI service facts', () => {
  it('finds routes with their method, path and ranges for fixes', async () => {
    const facts = await fixtureFacts(APP);
    const text = fixtureText(APP);
    assert.equal(facts.role, 'serving');
    assert.deepEqual(
      facts.handlers.map((h) => [h.framework, h.name, h.methods, h.route]),
      [
        ['fastapi', 'health', ['GET'], '/health'],
        ['fastapi', 'predict', ['POST'], '/predict'],
      ],
    );
    const predict = facts.handlers[1];
    assert.ok(predict);
    assert.ok(textAt(text, predict.range).startsWith('@app.post("/predict")\ndef predict('));
    assert.equal(
      text.split('\n')[predict.bodyInsertPosition.line]?.trim(),
      'model = joblib.load("artifacts/model.joblib")',
    );
    assert.deepEqual(
      predict.parameters.map((p) => [p.name, p.annotation]),
      [['customer', 'Customer']],
    );
    assert.equal(facts.apps[0]?.variable, 'app');
    assert.equal(facts.apps[0]?.call.arguments.needsComma, true);
  });

  it('finds the model loaded inside the handler', async () => {
    const facts = await fixtureFacts(APP);
    const load = facts.artifacts[0];
    assert.deepEqual(
      [load?.direction, load?.library, load?.target, load?.scope],
      ['load', 'joblib', 'model', 'predict'],
    );
    assert.deepEqual(load?.path, { kind: 'string', value: 'artifacts/model.joblib' });
  });

  it('reads request fields and the hand-written transforms applied to them', async () => {
    const facts = await fixtureFacts(APP);
    const steps = (feature: string) =>
      facts.featureTransforms.filter((t) => t.feature === feature).flatMap((t) => t.steps);
    assert.deepEqual(
      steps('income').map((s) => s.kind),
      ['fillna', 'arithmetic', 'arithmetic'],
    );
    const [fill, minus, divide] = steps('income');
    assert.ok(fill?.kind === 'fillna' && fill.value?.kind === 'number' && fill.value.value === 52000);
    assert.ok(
      minus?.kind === 'arithmetic' &&
        minus.op === '-' &&
        minus.operand.kind === 'number' &&
        minus.operand.value === 61234.5,
    );
    assert.ok(divide?.kind === 'arithmetic' && divide.op === '/' && divide.featureSide === 'left');
    assert.deepEqual(
      steps('age').map((s) => s.kind),
      ['clip', 'clip'],
    );
    assert.deepEqual(
      steps('tenure_months').map((s) => (s.kind === 'log' ? s.fn : s.kind)),
      ['log'],
    );
    assert.deepEqual(
      steps('plan').map((s) => s.kind),
      ['string', 'map'],
      'PLAN_CODES[customer.plan.lower()]',
    );
    assert.equal(
      facts.featureTransforms.some((t) => t.feature === '/health'),
      false,
      'route paths are not features',
    );
  });

  it('orders the features passed to predict from the array literal', async () => {
    const facts = await fixtureFacts(APP);
    assert.deepEqual(
      facts.featureLists.map((f) => [f.use, f.how, stringListOf(f.columns)]),
      [['predict', 'array-literal', ['age', 'income', 'tenure_months', 'plan']]],
    );
  });
});

describe('Flask service facts', () => {
  it('finds the route, the module-level load through `with open`, and the imported feature list', async () => {
    const facts = await fixtureFacts('churn/serving/flask_app.py');
    assert.deepEqual(
      facts.handlers.map((h) => [h.framework, h.route, h.methods]),
      [['flask', '/predict', ['POST']]],
    );
    const load = facts.artifacts[0];
    assert.deepEqual(
      [load?.library, load?.scope, load?.target, load?.path],
      ['pickle', null, 'pipeline', { kind: 'string', value: 'artifacts/pipeline.pkl' }],
    );
    assert.deepEqual(facts.datasets, [], 'opening a pickle is not reading a dataset');
    assert.deepEqual(facts.featureLists[0]?.columns, {
      kind: 'ref',
      module: 'shared.features',
      name: 'FEATURES',
      level: 0,
    });
    const income = facts.featureTransforms.find((t) => t.feature === 'income');
    assert.equal(income?.access, 'get');
    assert.ok(
      income?.steps[0]?.kind === 'fillna' &&
        income.steps[0].value?.kind === 'number' &&
        income.steps[0].value.value === 50000,
    );
  });
});

describe('other serving frameworks', () => {
  const cases: [string, string, string[], string[]][] = [
    [
      'kserve_model.py',
      'kserve',
      ['ChurnModel.preprocess', 'ChurnModel.predict'],
      ['ChurnModel.__init__', 'ChurnModel.load'],
    ],
    [
      'torchserve_handler.py',
      'torchserve',
      ['TextHandler.preprocess', 'TextHandler.handle'],
      ['TextHandler.initialize'],
    ],
    ['triton_model.py', 'triton', ['TritonPythonModel.execute'], ['TritonPythonModel.initialize']],
    ['bento_service.py', 'bentoml', ['Churn.classify'], ['Churn.__init__']],
    ['ray_serve_app.py', 'ray-serve', ['Scorer.__call__'], ['Scorer.__init__']],
    ['gradio_app.py', 'gradio', ['classify'], []],
    ['streamlit_app.py', 'streamlit', ['<module>'], []],
    ['starlette_app.py', 'starlette', ['homepage', 'predict'], []],
    ['fastapi_lifespan.py', 'fastapi', ['score'], ['lifespan', 'warm']],
  ];
  for (const [file, framework, handlers, hooks] of cases) {
    it(`${framework}: ${file}`, async () => {
      const facts = await fixtureFacts(`serving-frameworks/${file}`);
      assert.equal(facts.role, 'serving');
      assert.deepEqual(
        facts.handlers.map((h) => h.name),
        handlers,
      );
      assert.ok(facts.handlers.every((h) => h.framework === framework));
      assert.deepEqual(
        facts.startupHooks.map((h) => h.name),
        hooks,
      );
    });
  }

  it('torchserve: a load inside the handler is in the handler scope, the one in initialize is not', async () => {
    const facts = await fixtureFacts('serving-frameworks/torchserve_handler.py');
    assert.deepEqual(
      facts.artifacts.map((a) => [a.call.callee, a.scope]),
      [
        ['torch.jit.load', 'TextHandler.initialize'],
        ['torch.load', 'TextHandler.handle'],
      ],
    );
  });

  it('gradio: the tokenizer, its name and its call arguments', async () => {
    const facts = await fixtureFacts('serving-frameworks/gradio_app.py');
    const tokenizer = facts.tokenizers[0];
    assert.deepEqual(tokenizer?.name, { kind: 'string', value: 'distilbert-base-uncased' });
    assert.deepEqual(
      tokenizer?.load.arguments.keywords.map((k) => k.name),
      ['revision'],
    );
    assert.deepEqual(
      tokenizer?.calls[0]?.arguments.keywords.map((k) => [k.name, k.text]),
      [
        ['truncation', 'True'],
        ['max_length', '256'],
        ['padding', '"max_length"'],
      ],
    );
  });

  it('scalar parameters of a handler are request fields: their transforms are recorded by name', async () => {
    const facts = await snippetFacts(
      [
        'from fastapi import FastAPI',
        'app = FastAPI()',
        '@app.get("/output")',
        'def output(temperature: float, wind_speed: float | None = None, top_k: int = 3, payload: dict = None):',
        '    t = (temperature - 2.0) / 39.0',
        '    wind_speed = min(max(wind_speed, 0), 30)',
        '    w = wind_speed * 2',
        '    return {"t": t, "w": w, "k": top_k}',
        '',
        'def helper(temperature: float):',
        '    return temperature * 10',
      ].join('\n'),
    );
    const kinds = (feature: string) =>
      facts.featureTransforms.filter((t) => t.feature === feature).map((t) => t.steps.map((s) => s.kind));
    assert.deepEqual(kinds('temperature'), [['arithmetic', 'arithmetic']], 'read in the handler only');
    assert.deepEqual(kinds('wind_speed'), [['clip', 'clip']], 'up to its rebinding, the rebinding included');
    assert.deepEqual(kinds('top_k'), [], 'read but not transformed');
  });

  it('a refit inside a handler marks refit, not a training file', async () => {
    const facts = await snippetFacts(
      [
        'from fastapi import FastAPI',
        'from sklearn.preprocessing import StandardScaler',
        'app = FastAPI()',
        '@app.post("/p")',
        'def p(payload: dict):',
        '    scaler = StandardScaler()',
        '    X = scaler.fit_transform([[payload["x"]]])',
        '    return {"x": X.tolist()}',
      ].join('\n'),
    );
    assert.equal(facts.role, 'serving');
    assert.deepEqual(
      facts.trainingMarkers.map((m) => [m.kind, m.inHandler]),
      [['fit', true]],
    );
    assert.equal(facts.transformers[0]?.fits[0]?.scope, 'p');
  });

  it('handles dict payloads: keys, get with default, hand-built maps and bins', async () => {
    const facts = await snippetFacts(
      [
        'import pandas as pd',
        'EDGES = [0, 18, 65, 120]',
        'def featurize(payload):',
        '    plan = {"basic": 0, "pro": 1}[payload["plan"]]',
        '    band = pd.cut(payload["age"], bins=EDGES)',
        '    city = payload["city"].strip().lower()',
        '    size = payload["size"].map({"S": 0, "M": 1})',
        '    return payload.get("score", 0.5) * 2',
      ].join('\n'),
    );
    const kinds = Object.fromEntries(
      facts.featureTransforms.map((t) => [t.feature, t.steps.map((s) => s.kind)]),
    );
    assert.deepEqual(kinds, {
      plan: ['map'],
      age: ['bin'],
      city: ['string', 'string'],
      size: ['map'],
      score: ['fillna', 'arithmetic'],
    });
    const bin = facts.featureTransforms.find((t) => t.feature === 'age')?.steps[0];
    assert.ok(bin?.kind === 'bin');
    assert.deepEqual(bin.edges, {
      kind: 'list',
      items: [0, 18, 65, 120].map((value) => ({ kind: 'number', value })),
    });
  });

  it('reads `x if x is not None else v` as a fill, and follows the local bound to it once', async () => {
    const facts = await snippetFacts(
      [
        'from pydantic import BaseModel',
        'class Customer(BaseModel):',
        '    income: float | None = None',
        'def predict(customer: Customer):',
        '    income = customer.income if customer.income is not None else 52000.0',
        '    return (income - 41000.0) / 21000.0',
      ].join('\n'),
    );
    const withSteps = facts.featureTransforms.filter((t) => t.steps.length > 0);
    assert.deepEqual(
      withSteps.map((t) => [t.feature, t.access, t.steps.map((s) => s.kind)]),
      [
        ['income', 'attribute', ['fillna']],
        ['income', 'variable', ['arithmetic', 'arithmetic']],
      ],
    );
  });

  it('gives no feature list for a row that is already an array (`[row]` with row from transform)', async () => {
    const facts = await snippetFacts(
      [
        'from fastapi import FastAPI',
        'app = FastAPI()',
        '@app.post("/p")',
        'def p(customer: Customer) -> dict:',
        '    row = SCALER.transform([[customer.a, customer.b]])[0].tolist()',
        '    return {"y": MODEL.predict_proba([row])[0][1]}',
      ].join('\n'),
    );
    assert.deepEqual(facts.featureLists, []);
  });
});
