import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reproAutologModels } from '../../server/python/rules/repro-autolog-models.ts';
import { reproFitBeforeSplit } from '../../server/python/rules/repro-fit-before-split.ts';
import { reproUnsavedPreprocessor } from '../../server/python/rules/repro-unsaved-preprocessor.ts';
import { skewRefitInServing } from '../../server/python/rules/skew-refit-in-serving.ts';
import { reproUnseeded } from '../../server/python/rules/repro-unseeded.ts';
import { serveModelLoadPerRequest } from '../../server/python/rules/serve-model-load-per-request.ts';
import type { PythonFileRule } from '../../server/python/rules/python-rule.ts';
import { fixtureText } from './fixture-facts.ts';
import { applyFix, assertFixesResolve, assertMatchesExpectations, checkFileRule } from './rule-harness.ts';

const CASES: [PythonFileRule, string, string[]][] = [
  [
    reproUnseeded,
    'repro-unseeded',
    ['positive.py', 'multiline.py', 'negative.py', 'global-numpy-seed.py', 'logistic-solvers.py'],
  ],
  [reproAutologModels, 'repro-autolog-models', ['positive.py', 'negative.py']],
  [reproFitBeforeSplit, 'repro-fit-before-split', ['positive.py', 'negative.py', 'pipeline_fix.py']],
  [reproUnsavedPreprocessor, 'repro-unsaved-preprocessor', ['positive.py', 'torch_save.py', 'negative.py']],
  [skewRefitInServing, 'skew-pair', ['serve_refit.py', 'serve.py', 'serve_ok.py', 'train.py']],
  [skewRefitInServing, 'skew-refit-in-serving', ['loaded_scaler.py', 'get_dummies_aligned.py']],
  [
    serveModelLoadPerRequest,
    'serve-model-load-per-request',
    [
      'fastapi_positive.py',
      'fastapi_with_lifespan.py',
      'negative.py',
      'streamlit_positive.py',
      'bentoml_positive.py',
    ],
  ],
];

describe('Python file rules: fixtures with # expect markers', () => {
  for (const [rule, folder, files] of CASES) {
    for (const file of files) {
      it(`${rule.meta.id}: ${file}`, async () => {
        await assertMatchesExpectations(rule, fixtureText(`rules/${folder}/${file}`), file);
      });
    }
  }
});

describe('Python file rules: fixes, applied and re-checked', () => {
  it('repro/unseeded adds random_state using the module SEED constant', async () => {
    const text = fixtureText('rules/repro-unseeded/positive.py');
    const fixed = await assertFixesResolve(reproUnseeded, text);
    assert.equal(
      fixed.length,
      4,
      'split, two estimators and KFold have a fix; the numpy global RNG has none',
    );
    assert.match(fixed[0] ?? '', /train_test_split\(X, y, test_size=0\.2, random_state=SEED\)/);
    assert.match(fixed[3] ?? '', /RandomForestClassifier\(random_state=SEED\)/);
  });

  it('repro/unseeded inserts before the closing parenthesis of a multi-line call with a trailing comma', async () => {
    const [fixed] = await assertFixesResolve(reproUnseeded, fixtureText('rules/repro-unseeded/multiline.py'));
    assert.match(fixed ?? '', /test_size=0\.25,\nrandom_state=42\)/);
  });

  it('repro/autolog-models sets log_models=False', async () => {
    const fixed = await assertFixesResolve(
      reproAutologModels,
      fixtureText('rules/repro-autolog-models/positive.py'),
    );
    assert.match(fixed[0] ?? '', /mlflow\.autolog\(log_models=False\)/);
    assert.match(fixed[1] ?? '', /mlflow\.sklearn\.autolog\(log_models=False, log_input_examples=True\)/);
  });

  it('serve/model-load-per-request moves a static load above the handler, and offers nothing when the path uses a parameter', async () => {
    const text = fixtureText('rules/serve-model-load-per-request/fastapi_positive.py');
    const { reports } = await checkFileRule(serveModelLoadPerRequest, text);
    assert.deepEqual(
      reports.map((r) => (r.fixes ?? []).map((f) => f.title)),
      [
        [],
        [
          'Load model once in a new FastAPI lifespan (FastAPI 0.93 or newer)',
          'Load model once at module scope',
        ],
        [],
      ],
    );
    const moduleScope = reports[1]?.fixes?.[1];
    assert.ok(moduleScope);
    const fixed = applyFix(text, moduleScope, 'file:///w/file.py');
    assert.equal((await checkFileRule(serveModelLoadPerRequest, fixed)).reports.length, reports.length - 1);
    assert.match(
      fixed ?? '',
      /\n\nmodel = joblib\.load\(MODEL_PATH\)\n\n\n@app\.post\("\/predict"\)\ndef predict\(payload: dict\) -> dict:\n {4}encoder = get_encoder\(\)/,
    );
    assert.match(reports[0]?.message ?? '', /get_encoder\(\) is called by the handler predict/);
  });

  it('repro/unsaved-preprocessor saves the preprocessor beside the model, with the same indentation', async () => {
    const text = fixtureText('rules/repro-unsaved-preprocessor/positive.py');
    const fixed = await assertFixesResolve(reproUnsavedPreprocessor, text);
    assert.equal(fixed.length, 2);
    assert.match(
      fixed[0] ?? '',
      /joblib\.dump\(model, "artifacts\/model\.joblib"\)\n {4}joblib\.dump\(imputer, "artifacts\/imputer\.joblib"\)\n/,
    );
    const [torchFixed] = await assertFixesResolve(
      reproUnsavedPreprocessor,
      fixtureText('rules/repro-unsaved-preprocessor/torch_save.py'),
    );
    assert.match(
      torchFixed ?? '',
      /^import torch\nfrom sklearn\.preprocessing import MinMaxScaler\nimport joblib\n/,
    );
    assert.match(
      torchFixed ?? '',
      /torch\.save\(net\.state_dict\(\), "out\/net\.pt"\)\njoblib\.dump\(scaler, "out\/scaler\.joblib"\)\n/,
    );
  });

  it('skew/refit-in-serving uses the scaler loaded in the service instead of refitting', async () => {
    const [fixed] = await assertFixesResolve(
      skewRefitInServing,
      fixtureText('rules/skew-refit-in-serving/loaded_scaler.py'),
    );
    assert.match(fixed ?? '', /x_scaled = scaler\.transform\(x\)/);
  });
});
