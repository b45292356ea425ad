/** `mlopsLens/modelsOfFile` over stdio: the models a training or serving file trains or serves. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ModelsOfFileRequest } from '../../server/lsp/protocol.ts';
import type { ModelsOfFileResult } from '../../server/lsp/protocol.ts';
import { buildServer, LspSession } from './lsp-session.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const TRAIN = `import joblib
import mlflow
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

MODEL_PATH = "artifacts/model.joblib"

def main(X, y):
    scaler = StandardScaler().fit(X)
    model = LogisticRegression().fit(scaler.transform(X), y)
    joblib.dump(scaler, "artifacts/scaler.joblib")
    joblib.dump(model, MODEL_PATH)
    with mlflow.start_run():
        mlflow.sklearn.log_model(model, "model", registered_model_name="churn")
`;

const SERVE = `import joblib
import mlflow
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("artifacts/model.joblib")
ranker = mlflow.pyfunc.load_model("models:/churn-ranker/Production")

@app.post("/predict")
def predict(payload: dict):
    return {"score": float(model.predict([[payload["x"]]])[0])}
`;

const HELPERS = `def add(a, b):
    return a + b
`;

describe('language server over stdio: mlopsLens/modelsOfFile', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;
  const ask = (file: string): Promise<ModelsOfFileResult> =>
    session.connection.sendRequest(ModelsOfFileRequest, { uri: workspace.uri(file) });

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({
      'train.py': TRAIN,
      'serve.py': SERVE,
      'helpers.py': HELPERS,
      'notes.md': '# x\n',
    });
    session = await LspSession.start({ workspaceFolder: workspace.root });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('names what a training file saves and registers, at their places', async () => {
    const result = await ask('train.py');
    assert.equal(result.role, 'training');
    assert.deepEqual(
      result.registeredModels.map((m) => [m.name, m.direction, m.range.start.line]),
      [['churn', 'save', 13]],
    );
    assert.deepEqual(
      result.artifacts.map((a) => [a.path, a.direction, a.library]),
      [
        ['artifacts/scaler.joblib', 'save', 'joblib'],
        ['artifacts/model.joblib', 'save', 'joblib'],
        // The run-relative path MLflow logs the model under.
        ['model', 'save', 'mlflow.sklearn'],
      ],
    );
    assert.equal(result.reason, undefined);
  });

  it('names what a serving file loads, from a path or a models:/ URI', async () => {
    const result = await ask('serve.py');
    assert.equal(result.role, 'serving');
    assert.deepEqual(
      result.registeredModels.map((m) => [m.name, m.direction]),
      [['churn-ranker', 'load']],
    );
    assert.deepEqual(
      result.artifacts.map((a) => [a.path, a.direction]),
      [['artifacts/model.joblib', 'load']],
    );
  });

  it('says why a file has no model', async () => {
    const helpers = await ask('helpers.py');
    assert.deepEqual([helpers.registeredModels, helpers.artifacts], [[], []]);
    assert.match(helpers.reason ?? '', /neither trains nor serves/);
    const notes = await ask('notes.md');
    assert.equal(notes.role, 'unknown');
    assert.match(notes.reason ?? '', /not a Python file or notebook/);
  });
});
