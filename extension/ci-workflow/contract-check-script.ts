/**
 * The Python the contract job runs: it loads the model the training smoke test saved, builds
 * one request row from the registry signature's inputs (one sample value per type), predicts,
 * and checks one prediction comes back with as many values as the signature has outputs. It
 * needs only what the serving environment installs (pandas when present, else plain rows).
 * Reads MODEL_METADATA (the ModelRegistryMetadata JSON) and MODEL_ARTIFACT (the saved model).
 */
export const CONTRACT_CHECK_SCRIPT = `import json
import os
import pickle
import sys

SAMPLES = {"double": 0.5, "float": 0.5, "long": 1, "integer": 1, "int": 1, "boolean": False, "bool": False, "string": "a", "str": "a"}


def fail(message):
    print(f"inference contract: {message}", file=sys.stderr)
    sys.exit(1)


def load(path):
    if os.path.isdir(path) and os.path.exists(os.path.join(path, "MLmodel")):
        import mlflow.pyfunc
        return mlflow.pyfunc.load_model(path)
    if path.endswith((".joblib", ".jbl")):
        import joblib
        return joblib.load(path)
    if path.endswith((".pt", ".pth")):
        import torch
        return torch.load(path, weights_only=False)
    with open(path, "rb") as handle:
        return pickle.load(handle)


def sample(column):
    kind = str(column.get("type", "double")).lower()
    for prefix, value in SAMPLES.items():
        if kind.startswith(prefix):
            return value
    fail(f"input {column.get('name')!r} has type {kind!r}, which has no sample value here")


with open(os.environ["MODEL_METADATA"], encoding="utf-8") as handle:
    signature = json.load(handle).get("signature") or fail("the metadata has no signature")
inputs, outputs = signature.get("inputs") or [], signature.get("outputs") or []
if not inputs or not outputs:
    fail("the signature needs inputs and outputs")
names = [column["name"] for column in inputs]
row = {column["name"]: sample(column) for column in inputs}
try:
    import pandas
    batch = pandas.DataFrame([row], columns=names)
except ImportError:
    batch = [[row[name] for name in names]]
model = load(os.environ["MODEL_ARTIFACT"])
if isinstance(model, dict) and "model" in model:
    model = model["model"]
if not hasattr(model, "predict"):
    fail(f"the artifact holds a {type(model).__name__}, which has no predict()")
prediction = model.predict(batch)
shape = getattr(prediction, "shape", None)
rows = shape[0] if shape else len(prediction)
width = (shape[1] if len(shape) > 1 else 1) if shape else (len(prediction[0]) if rows and isinstance(prediction[0], (list, tuple)) else 1)
if rows != 1:
    fail(f"one request row gave {rows} predictions")
if width != len(outputs):
    fail(f"the model returns {width} value(s) per row, the signature declares {len(outputs)} output(s)")
print(f"inference contract: ok ({len(inputs)} inputs, {len(outputs)} output(s))")
`;
