/**
 * The golden outputs of the Python quick-fixes are real programs: each runs under python3 with
 * scikit-learn, pandas, joblib and FastAPI (Debian's packages) on generated data, and behaves as
 * the fix says: the pipeline trains on the training split only, the lifespan loads the model
 * before the first request, and the shared module prepares training and serving rows alike.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES } from './fixture-facts.ts';

const MODULES = 'import sklearn, pandas, joblib, fastapi, httpx';

/** A Python (`$PYTHON` first, then python3) that can run `check`, or undefined. */
function findPython(check: string): string | undefined {
  const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  return candidates.find((candidate) => spawnSync(candidate, ['-c', check]).status === 0);
}

const python = findPython(MODULES);
if (!python) process.stdout.write(`# fixed-code runs skipped: no python3 can ${MODULES}\n`);
/** FastAPI takes `lifespan=` from 0.93 on (Debian 12 has 0.92). */
const LIFESPAN = `${MODULES}\nimport inspect\nassert "lifespan" in inspect.signature(fastapi.FastAPI.__init__).parameters`;
const lifespanPython = findPython(LIFESPAN);
if (python && !lifespanPython)
  process.stdout.write(
    '# the FastAPI lifespan run skipped: no python3 has FastAPI 0.93 or newer (set PYTHON)\n',
  );

/** Runs `script` in a temp folder holding copies of `files` (fixture-relative); returns stdout. */
function run(files: Readonly<Record<string, string>>, script: string, interpreter = python): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-fixed-'));
  try {
    for (const [name, fixture] of Object.entries(files))
      cpSync(path.join(FIXTURES, fixture), path.join(dir, name));
    const result = spawnSync(interpreter ?? 'python3', ['-c', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(result.status, 0, `python3 failed:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MAKE_DIRS = 'import os\nos.makedirs("data", exist_ok=True)\nos.makedirs("artifacts", exist_ok=True)\n';

describe('the fixed Python runs', { skip: python === undefined }, () => {
  it('repro/fit-before-split: the pipeline is fitted on the training rows only', () => {
    const out = run(
      { 'fixed.py': 'rules/repro-fit-before-split/pipeline_fix.fixed.py' },
      `${MAKE_DIRS}
import numpy as np, pandas as pd
rng = np.random.default_rng(0)
n = 400
df = pd.DataFrame({"tenure": rng.normal(30, 10, n), "charges": rng.normal(70, 20, n)})
df["churned"] = (df["tenure"] + rng.normal(0, 5, n) < 30).astype(int)
df.to_csv("data/churn.csv", index=False)
ns = {}
exec(open("fixed.py").read(), ns)
scaler = ns["scaler"]
# Fitted inside the pipeline, on the 300 training rows only: not on all 400.
assert scaler.n_samples_seen_ == 300, scaler.n_samples_seen_
assert not np.allclose(scaler.mean_, df[["tenure", "charges"]].mean().to_numpy())
frame = df.rename(columns={"churned": "y"})
print("retrain", ns["retrain"](frame))
`,
    );
    assert.match(out, /^0\.\d+\nretrain [01]\.\d+/);
  });

  it(
    'serve/model-load-per-request: the lifespan loads the model once, before requests',
    { skip: !lifespanPython },
    () => {
      const out = run(
        { 'app.py': 'rules/serve-model-load-per-request/fastapi_with_lifespan.fixed.py' },
        `${MAKE_DIRS}
import joblib, numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import StandardScaler
x = np.arange(20.0).reshape(-1, 1)
scaler = StandardScaler().fit(x)
joblib.dump(scaler, "artifacts/scaler.joblib")
joblib.dump(LinearRegression().fit(scaler.transform(x), 2 * x[:, 0]), "artifacts/model.joblib")
from fastapi.testclient import TestClient
import app
loads = []
real_load = joblib.load
app.joblib.load = lambda path: loads.append(path) or real_load(path)
with TestClient(app.app) as client:
    assert app.MODELS, "loaded at startup"
    for value in (1, 2, 3):
        print(client.post("/predict", json={"x": value}).json()["y"][0])
print(sorted(loads))
`,
        lifespanPython,
      );
      const lines = out.trim().split('\n');
      assert.deepEqual(
        lines.slice(0, 3).map((v) => Math.round(Number(v))),
        [2, 4, 6],
      );
      assert.equal(
        lines[3],
        "['artifacts/model.joblib', 'artifacts/scaler.joblib']",
        'each loaded once, at startup',
      );
    },
  );

  it('skew/divergent-transform: training and serving prepare a row the same way through features.py', () => {
    const folder = 'rules/skew-shared-preprocessing.fixed';
    const out = run(
      {
        'train.py': `${folder}/train.py`,
        'serve.py': `${folder}/serve.py`,
        'features.py': `${folder}/features.py`,
      },
      `${MAKE_DIRS}
import numpy as np, pandas as pd
rng = np.random.default_rng(1)
n = 300
df = pd.DataFrame({"debt": rng.uniform(-10, 2_000_000, n), "income": rng.normal(50000, 15000, n), "region": rng.choice([" North", "south ", "EAST"], n)})
df.loc[::7, "debt"] = np.nan
df["default"] = (df["debt"].fillna(0) > 900_000).astype(int)
df.to_csv("data/credit.csv", index=False)
import runpy
trained = runpy.run_path("train.py")
from features import prepare_features
from fastapi.testclient import TestClient
import serve
client = TestClient(serve.app)
for raw_debt in (-5.0, 250_000.0, 1_500_000.0):
    payload = {"debt": raw_debt, "income": 40000.0, "region": " North"}
    served = client.post("/score", json=payload).json()
    offline = trained["model"].predict_proba(prepare_features(pd.DataFrame([payload]))[["debt", "income"]])[0][1]
    print(served["region"], abs(served["p"] - offline) < 1e-9)
`,
    );
    assert.deepEqual(out.trim().split('\n'), ['north True', 'north True', 'north True']);
  });
});
