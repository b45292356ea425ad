/**
 * A generated Python ML workspace for the Python benches: teams of projects, each with a shared
 * feature module, training scripts, FastAPI and Flask services, KServe models and notebooks.
 * Training and serving pair through the artifact paths one dumps and the other loads, so the
 * workspace index has real cross-file work to do. About 200 lines a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Files of one project, in the order they are written. */
const PROJECT_FILES = 20;

export interface PythonCorpus {
  readonly files: readonly string[];
  readonly lines: number;
  readonly bytes: number;
  /** A training file whose artifacts are loaded by several services (for the edit bench). */
  readonly pairedTrainingFile: string;
}

const COLUMNS = [
  'age',
  'income',
  'tenure_months',
  'balance',
  'visits',
  'basket_size',
  'discount',
  'region_code',
];

/** Feature helpers, the bulk of a realistic training or shared module. */
function featureHelpers(seed: number, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const column = COLUMNS[(seed + i) % COLUMNS.length] ?? 'age';
    const other = COLUMNS[(seed + i + 3) % COLUMNS.length] ?? 'income';
    out.push(
      `def add_${column}_feature_${i}(frame: pd.DataFrame) -> pd.DataFrame:`,
      `    """Ratio and log features for ${column} against ${other}."""`,
      `    frame = frame.copy()`,
      `    denominator = frame["${other}"].replace(0, np.nan)`,
      `    frame["${column}_ratio_${i}"] = frame["${column}"] / denominator`,
      `    frame["${column}_log_${i}"] = np.log1p(frame["${column}"].clip(lower=0))`,
      `    if frame["${column}"].isna().any():`,
      `        frame["${column}_missing_${i}"] = frame["${column}"].isna().astype(int)`,
      `    return frame`,
      ``,
      ``,
    );
  }
  return out;
}

function sharedModule(p: number): string {
  return [
    `"""Feature definitions shared by project ${p}'s training and serving."""`,
    `import numpy as np`,
    `import pandas as pd`,
    ``,
    `FEATURES = ${JSON.stringify(COLUMNS.slice(0, 5))}`,
    `CATEGORICAL = ["region", "plan"]`,
    `MODEL_DIR = "artifacts/project_${p}"`,
    `INCOME_FILL = 0`,
    ``,
    ``,
    ...featureHelpers(p, 19),
  ].join('\n');
}

function trainingScript(p: number, k: number): string {
  return [
    `"""Training job ${k} of project ${p}."""`,
    `import os`,
    ``,
    `import joblib`,
    `import mlflow`,
    `import numpy as np`,
    `import pandas as pd`,
    `from sklearn.ensemble import GradientBoostingClassifier`,
    `from sklearn.model_selection import train_test_split`,
    `from sklearn.preprocessing import StandardScaler`,
    ``,
    `from shared.features import FEATURES, INCOME_FILL, MODEL_DIR`,
    ``,
    `SEED = ${p * 31 + k}`,
    ``,
    ``,
    ...featureHelpers(p + k, 17),
    `def load(path: str) -> pd.DataFrame:`,
    `    frame = pd.read_csv(path)`,
    `    frame["income"] = frame["income"].fillna(INCOME_FILL)`,
    `    frame["age"] = frame["age"].clip(18, 90)`,
    `    frame["tenure_months"] = np.log1p(frame["tenure_months"])`,
    `    return frame`,
    ``,
    ``,
    `def main() -> None:`,
    `    frame = load(os.path.join("data", "project_${p}", "train_${k}.csv"))`,
    `    train, test = train_test_split(frame, test_size=0.2, random_state=SEED)`,
    `    scaler = StandardScaler()`,
    `    scaled = scaler.fit_transform(train[FEATURES])`,
    `    model = GradientBoostingClassifier(n_estimators=200, random_state=SEED)`,
    `    with mlflow.start_run():`,
    `        mlflow.log_param("data_version", "v${k}")`,
    `        model.fit(train[FEATURES], train["label"])`,
    `        mlflow.log_metric("accuracy", model.score(test[FEATURES], test["label"]))`,
    `    joblib.dump(model, os.path.join(MODEL_DIR, "model_${k}.joblib"))`,
    `    joblib.dump(scaler, os.path.join(MODEL_DIR, "scaler_${k}.joblib"))`,
    `    print(scaled.shape)`,
    ``,
    ``,
    `if __name__ == "__main__":`,
    `    main()`,
    ``,
  ].join('\n');
}

function fastapiService(p: number, k: number): string {
  return [
    `"""Scoring API ${k} of project ${p}."""`,
    `import joblib`,
    `import numpy as np`,
    `import pandas as pd`,
    `from fastapi import FastAPI`,
    `from pydantic import BaseModel`,
    ``,
    `from shared.features import FEATURES`,
    ``,
    `app = FastAPI(title="project-${p}-${k}")`,
    `MODEL = joblib.load("artifacts/project_${p}/model_${k % 5}.joblib")`,
    `SCALER = joblib.load("artifacts/project_${p}/scaler_${k % 5}.joblib")`,
    ``,
    ``,
    `class Customer(BaseModel):`,
    ...COLUMNS.slice(0, 5).map((c) => `    ${c}: float | None = None`),
    ``,
    ``,
    ...featureHelpers(p * 7 + k, 17),
    `@app.post("/predict")`,
    `def predict(customer: Customer) -> dict:`,
    `    income = customer.income if customer.income is not None else ${k % 2 === 0 ? '0' : '52000.0'}`,
    `    age = min(max(customer.age or 0, 18), 90)`,
    `    tenure = np.log1p(customer.tenure_months or 0)`,
    `    row = [age, income, tenure, customer.balance, customer.visits]`,
    `    return {"p": float(MODEL.predict_proba([row])[0][1])}`,
    ``,
    ``,
    `@app.post("/predict-batch")`,
    `def predict_batch(rows: list[dict]) -> dict:`,
    `    frame = pd.DataFrame(rows)`,
    `    frame["income"] = frame["income"].fillna(0)`,
    `    return {"p": MODEL.predict_proba(frame[FEATURES])[:, 1].tolist()}`,
    ``,
  ].join('\n');
}

function flaskService(p: number, k: number): string {
  return [
    `"""Flask scoring service ${k} of project ${p}."""`,
    `import joblib`,
    `import numpy as np`,
    `import pandas as pd`,
    `from flask import Flask, jsonify, request`,
    ``,
    `app = Flask(__name__)`,
    `MODEL = joblib.load("artifacts/project_${p}/model_${k % 5}.joblib")`,
    ``,
    ``,
    ...featureHelpers(p * 11 + k, 18),
    `@app.route("/score", methods=["POST"])`,
    `def score():`,
    `    payload = request.get_json()`,
    `    income = (payload["income"] - 61234.5) / 18000.2`,
    `    row = np.array([[payload["age"], income, payload["tenure_months"], payload["balance"], payload["visits"]]])`,
    `    return jsonify(p=float(MODEL.predict_proba(row)[0, 1]))`,
    ``,
  ].join('\n');
}

function notebook(p: number, k: number): string {
  const cells = [
    [
      `import joblib`,
      `import numpy as np`,
      `import pandas as pd`,
      `from sklearn.linear_model import LogisticRegression`,
    ],
    featureHelpers(p + 100 + k, 9),
    [
      `frame = pd.read_csv("data/project_${p}/explore_${k}.csv")`,
      `frame["income"] = frame["income"].fillna(0)`,
      `model = LogisticRegression(max_iter=500, random_state=0)`,
      `model.fit(frame[["age", "income", "tenure_months", "balance", "visits"]], frame["label"])`,
      `joblib.dump(model, "artifacts/project_${p}/notebook_${k}.joblib")`,
    ],
  ];
  return JSON.stringify(
    {
      cells: cells.map((source) => ({
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: source.map((line, i) => (i < source.length - 1 ? `${line}\n` : line)),
      })),
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** The files of one project: name → text. */
function projectFiles(p: number): [string, string][] {
  const files: [string, string][] = [
    ['shared/__init__.py', ''],
    ['shared/features.py', sharedModule(p)],
  ];
  for (let k = 0; k < 5; k++) files.push([`training/train_${k}.py`, trainingScript(p, k)]);
  for (let k = 0; k < 7; k++) files.push([`serving/api_${k}.py`, fastapiService(p, k)]);
  for (let k = 0; k < 4; k++) files.push([`serving/flask_${k}.py`, flaskService(p, k)]);
  for (let k = 0; k < 2; k++) files.push([`notebooks/explore_${k}.ipynb`, notebook(p, k)]);
  return files.slice(0, PROJECT_FILES);
}

/** Writes `count` files (rounded up to whole projects) under `dir`, ten projects per team folder. */
export function writePythonCorpus(dir: string, count: number): PythonCorpus {
  const files: string[] = [];
  let lines = 0;
  let bytes = 0;
  for (let p = 0; files.length < count; p++) {
    const projectDir = path.join(dir, `team-${Math.floor(p / 10)}`, `project-${p}`);
    for (const [name, text] of projectFiles(p)) {
      const file = path.join(projectDir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      files.push(file);
      lines += text.length === 0 ? 0 : text.split('\n').length;
      bytes += Buffer.byteLength(text);
    }
  }
  return {
    files,
    lines,
    bytes,
    pairedTrainingFile: path.join(dir, 'team-0', 'project-0', 'training', 'train_0.py'),
  };
}
