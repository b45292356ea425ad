import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serveModelLoadPerRequest } from '../../server/python/rules/serve-model-load-per-request.ts';
import { fixtureText } from './fixture-facts.ts';
import { assertGolden, fixUntilClean } from './fix-until-clean.ts';
import { checkFileRule } from './rule-harness.ts';

const FOLDER = 'rules/serve-model-load-per-request';

describe('serve/model-load-per-request: the FastAPI lifespan fix, applied and re-checked', () => {
  it('adds a lifespan that loads the model, passes it to FastAPI(), and the handler reads the loaded model', async () => {
    const fixture = `${FOLDER}/fastapi_positive.py`;
    const { reports } = await checkFileRule(serveModelLoadPerRequest, fixtureText(fixture));
    // Older FastAPI ignores `lifespan=`: adding one is offered, not applied by "fix all".
    assert.deepEqual(
      reports.flatMap((r) => r.fixes ?? []).map((f) => f.safe),
      [false, true],
    );
    const { text, remaining } = await fixUntilClean(serveModelLoadPerRequest, fixtureText(fixture));
    assertGolden(fixture, text);
    assert.match(text, /^from contextlib import asynccontextmanager$/m);
    assert.match(
      text,
      /async def lifespan\(app\):\n {4}MODELS\["model"\] = joblib\.load\(MODEL_PATH\)\n {4}yield\n/,
    );
    assert.match(text, /^app = FastAPI\(lifespan=lifespan\)$/m);
    assert.match(text, /^ {4}model = MODELS\["model"\]/m);
    // Left: the helper called by a handler, and a load whose path comes from the request.
    assert.equal(remaining.length, 2);
    assert.ok(remaining.every((r) => (r.fixes ?? []).length === 0));
  });

  it('loads in the lifespan the app already has, before it yields', async () => {
    const fixture = `${FOLDER}/fastapi_with_lifespan.py`;
    const { reports } = await checkFileRule(serveModelLoadPerRequest, fixtureText(fixture));
    assert.equal(reports[0]?.fixes?.[0]?.safe, true, 'the app already has a lifespan');
    const { text, remaining } = await fixUntilClean(serveModelLoadPerRequest, fixtureText(fixture));
    assertGolden(fixture, text);
    assert.deepEqual(remaining, []);
    assert.match(
      text,
      /async def lifespan\(app: FastAPI\):\n {4}MODELS\["model"\] = joblib\.load\("artifacts\/model\.joblib"\)\n/,
    );
    assert.equal(text.match(/asynccontextmanager/g)?.length, 2, 'no second import, no second lifespan');
    assert.match(text, /^MODELS = \{\}$/m);
  });

  it('offers only module scope outside FastAPI', async () => {
    const text = [
      'import joblib',
      'from flask import Flask, request',
      '',
      'app = Flask(__name__)',
      '',
      '',
      '@app.route("/predict", methods=["POST"])',
      'def predict():',
      '    model = joblib.load("artifacts/model.joblib")',
      '    return {"y": model.predict([request.json["x"]]).tolist()}',
      '',
    ].join('\n');
    const { reports } = await checkFileRule(serveModelLoadPerRequest, text);
    assert.deepEqual(
      reports.map((r) => (r.fixes ?? []).map((f) => f.title)),
      [['Load model once at module scope']],
    );
  });
});
