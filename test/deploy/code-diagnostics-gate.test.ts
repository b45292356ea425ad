/**
 * The code-diagnostics gate: the daemon runs the analyzer (`mlops-lens check`) on the files the
 * version's run names, its training script (`mlflow.source.name`, found in a registered workspace
 * folder) and its serving code (version tag `mlops_lens.serving.code`), and a plan with an error
 * diagnostic fails the gate with file:line and rule id; `apply` is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NATIVE_API_PREFIX, type DeploymentPlan } from '../../daemon/api/contract.ts';
import { codeDiagnosticsGate, type CodeFinding } from '../../daemon/deploy/code-diagnostics-gate.ts';
import { CONTEXT, startClusterDaemon, type ClusterDaemon } from '../clusters/cluster-daemon.ts';
import { daemonCalls, sendRequest, type HttpResult } from '../daemon/daemon-harness.ts';
import { registerServedVersions } from './deployment-daemon.ts';

const TRAIN = `import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

frame = pd.read_csv("data/loans.csv")
X = frame[["income", "debt"]]
scaler = StandardScaler().fit(X)
model = LogisticRegression(random_state=0).fit(scaler.transform(X), frame["default"])
joblib.dump(scaler, "artifacts/scaler.joblib")
joblib.dump(model, "artifacts/model.joblib")
`;

/** Refits the scaler on each request (skew/refit-in-serving, an error) on line 14. */
const SERVE_REFIT = `import joblib
import numpy as np
from fastapi import FastAPI
from sklearn.preprocessing import StandardScaler

app = FastAPI()
scaler = joblib.load("artifacts/scaler.joblib")
model = joblib.load("artifacts/model.joblib")


@app.post("/predict")
def predict(payload: dict) -> dict:
    x = np.array([[payload["income"], payload["debt"]]])
    x_scaled = StandardScaler().fit_transform(x)
    return {"p": float(model.predict_proba(x_scaled)[0][1])}
`;
const SERVE = SERVE_REFIT.replace('StandardScaler().fit_transform(x)', 'scaler.transform(x)').replace(
  'from sklearn.preprocessing import StandardScaler\n',
  '',
);

describe('code-diagnostics gate (the analyzer on the model code, a daemon over HTTP)', () => {
  let daemon: ClusterDaemon;
  const workspace = mkdtempSync(path.join(tmpdir(), 'mlops-lens-model-code-'));
  const call = (method: string, route: string, body?: unknown): Promise<HttpResult> =>
    sendRequest(daemon.port, method, route, body === undefined ? {} : { body });
  const plan = (version: string) =>
    call('POST', `${NATIVE_API_PREFIX}/deployments/plan`, {
      model_name: 'loans',
      model_version: version,
      context: CONTEXT,
      namespace: 'ml-serving',
    });
  const gate = (reply: HttpResult) =>
    (reply.json as DeploymentPlan).gates.find((g) => g.id === 'code-diagnostics');

  before(async () => {
    writeFileSync(path.join(workspace, 'train.py'), TRAIN);
    writeFileSync(path.join(workspace, 'serve_refit.py'), SERVE_REFIT);
    writeFileSync(path.join(workspace, 'serve.py'), SERVE);
    daemon = await startClusterDaemon();
    const registered = await call('POST', `${NATIVE_API_PREFIX}/workspaces`, { folders: [workspace] });
    assert.equal(registered.status, 200, registered.text);
    // The run's mlflow.source.name is `train.py`, relative: found in the workspace folder.
    await registerServedVersions(daemonCalls(daemon.port), 'loans', ['1', '2'], (version) => ({
      'mlops_lens.serving.code':
        version === '1' ? 'serve_refit.py' : `${path.join(workspace, 'serve.py')}, missing.py`,
    }));
    await daemon.until<{ nodes: unknown[] }>('nodes', (body) => body.nodes.length > 0);
  });
  after(async () => {
    await daemon.close();
  });

  it('fails the gate on an error diagnostic in the serving code, naming file:line and rule id, and refuses apply', async () => {
    const reply = await plan('1');
    assert.equal(reply.status, 200, reply.text);
    const failed = gate(reply);
    assert.equal(failed?.status, 'failed', failed?.message);
    assert.match(
      failed.message,
      new RegExp(
        `^1 error diagnostic in the model's code: ${path.join(workspace, 'serve_refit.py')}:14 skew/refit-in-serving \\(2 files checked\\)$`,
      ),
    );
    const applied = await call('POST', `${NATIVE_API_PREFIX}/deployments`, {
      model_name: 'loans',
      model_version: '1',
      context: CONTEXT,
      namespace: 'ml-serving',
    });
    assert.equal(applied.status, 400, applied.text);
    assert.match(applied.text, /Deployment refused by its gates: code-diagnostics: 1 error diagnostic/);
  });

  it('passes clean code (warnings do not block) and names the files it could not find', async () => {
    const reply = await plan('2');
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(gate(reply), {
      id: 'code-diagnostics',
      status: 'passed',
      message: 'no error diagnostics: 2 files checked; not found: missing.py',
    });
  });
});

describe('code-diagnostics gate verdicts', () => {
  const finding = (line: number): CodeFinding => ({
    file: '/w/serve.py',
    line,
    ruleId: 'skew/refit-in-serving',
    severity: 'error',
    message: 'refit',
  });

  it('is not checked when no source file is found, and lists at most ten errors', () => {
    assert.deepEqual(codeDiagnosticsGate({ found: [], missing: ['train.py'] }, []), {
      id: 'code-diagnostics',
      status: 'not-checked',
      message:
        "no training or serving source file to check (the run's mlflow.source.name, the version tag mlops_lens.serving.code); not found: train.py",
    });
    const many = codeDiagnosticsGate(
      { found: ['/w/serve.py'], missing: [] },
      Array.from({ length: 12 }, (_, i) => finding(i + 1)),
    );
    assert.equal(many.status, 'failed');
    assert.match(
      many.message,
      /^12 error diagnostics in the model's code: \/w\/serve\.py:1 skew\/refit-in-serving, .*\/w\/serve\.py:10 skew\/refit-in-serving, and 2 more \(1 file checked\)$/,
    );
  });
});
