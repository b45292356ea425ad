"""Black-box MLflow REST client built on the Python standard library only.

It talks to the server named by MLFLOW_TRACKING_URI with the bearer token in
MLFLOW_TRACKING_TOKEN, the way MLflow's own client does: JSON bodies for POST,
query strings for GET, raw bodies for artifact uploads. Each request is shaped
like the examples of MLflow's REST API documentation. It prints a JSON summary
and exits non-zero on the first behaviour that differs from MLflow's.
"""

import hashlib
import json
import math
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ["MLFLOW_TRACKING_URI"].rstrip("/")
TOKEN = os.environ["MLFLOW_TRACKING_TOKEN"]
API = BASE + "/api/2.0/mlflow/"
ARTIFACTS = BASE + "/api/2.0/mlflow-artifacts/artifacts"


def request(method, url, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", "Bearer " + TOKEN)
    if data is not None and content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def call(method, endpoint, payload=None):
    if method == "GET":
        query = urllib.parse.urlencode(payload or {}, doseq=True)
        status, raw = request("GET", API + endpoint + ("?" + query if query else ""))
    else:
        status, raw = request(method, API + endpoint, body=payload or {})
    return status, json.loads(raw) if raw else {}


def expect(condition, what):
    if not condition:
        print(json.dumps({"failed": what}))
        sys.exit(1)


def ok(method, endpoint, payload=None):
    status, body = call(method, endpoint, payload)
    expect(status == 200, "%s %s -> %s %s" % (method, endpoint, status, body))
    return body


summary = {}

# Experiments
status, body = call("GET", "experiments/get-by-name", {"experiment_name": "wire-test"})
expect(status == 404 and body["error_code"] == "RESOURCE_DOES_NOT_EXIST", "get-by-name of a missing experiment")
exp_id = ok("POST", "experiments/create", {"name": "wire-test", "tags": [{"key": "owner", "value": "ana"}]})["experiment_id"]
status, body = call("POST", "experiments/create", {"name": "wire-test"})
expect(status == 400 and body["error_code"] == "RESOURCE_ALREADY_EXISTS", "duplicate experiment")
experiment = ok("GET", "experiments/get", {"experiment_id": exp_id})["experiment"]
expect(experiment["artifact_location"] == "mlflow-artifacts:/" + exp_id, "artifact_location")
ok("POST", "experiments/set-experiment-tag", {"experiment_id": exp_id, "key": "purpose", "value": "wire"})
found = ok("POST", "experiments/search", {"max_results": 10, "filter": "name = 'wire-test'"})["experiments"]
expect([e["experiment_id"] for e in found] == [exp_id], "experiments/search by name")

# Runs, as mlflow.start_run() creates them
run = ok("POST", "runs/create", {
    "experiment_id": exp_id,
    "user_id": "ana",
    "start_time": 1700000000000,
    "run_name": "wire-run",
    "tags": [
        {"key": "mlflow.user", "value": "ana"},
        {"key": "mlflow.source.name", "value": "train.py"},
        {"key": "mlflow.source.git.commit", "value": "0123abcd"},
    ],
})["run"]
run_id = run["info"]["run_id"]
expect(run["info"]["artifact_uri"] == "mlflow-artifacts:/%s/%s/artifacts" % (exp_id, run_id), "artifact_uri")
status, body = call("GET", "runs/get", {"run_id": "0" * 32})
expect(status == 404 and body["error_code"] == "RESOURCE_DOES_NOT_EXIST", "runs/get of an unknown run")

ok("POST", "runs/log-parameter", {"run_id": run_id, "key": "alpha", "value": "0.5"})
status, body = call("POST", "runs/log-parameter", {"run_id": run_id, "key": "alpha", "value": "0.6"})
expect(status == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE", "changed param is a 400")
for step, value in enumerate([0.9, 0.7, 0.5]):
    ok("POST", "runs/log-metric", {"run_id": run_id, "key": "rmse", "value": value, "timestamp": 1700000000000 + step, "step": step})
# json.dumps writes bare NaN and Infinity tokens, as a Python client may.
ok("POST", "runs/log-metric", {"run_id": run_id, "key": "odd", "value": float("nan"), "timestamp": 1700000000001, "step": 0})
ok("POST", "runs/log-metric", {"run_id": run_id, "key": "big", "value": float("inf"), "timestamp": 1700000000001, "step": 0})
ok("POST", "runs/log-batch", {
    "run_id": run_id,
    "metrics": [{"key": "batch_loss", "value": 1.0 / (i + 1), "timestamp": 1700000001000 + i, "step": i} for i in range(1000)],
})
status, body = call("POST", "runs/log-batch", {"run_id": run_id, "metrics": [{"key": "x", "value": 1, "timestamp": 1}] * 1001})
expect(status == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE", "log-batch over 1000 metrics")
ok("POST", "runs/log-batch", {
    "run_id": run_id,
    "params": [{"key": "l1_ratio", "value": "0.1"}, {"key": "alpha", "value": "0.5"}],
    "tags": [{"key": "estimator_name", "value": "ElasticNet"}],
})
ok("POST", "runs/set-tag", {"run_id": run_id, "key": "stage", "value": "zeta-candidate"})
ok("POST", "runs/log-inputs", {"run_id": run_id, "datasets": [{
    "tags": [{"key": "mlflow.data.context", "value": "training"}],
    "dataset": {"name": "wine", "digest": "6f9c1d2a", "source_type": "local",
                "source": "{\"uri\": \"/data/wine.csv\"}", "schema": "{}", "profile": "{\"num_rows\": 1599}"},
}]})

# Artifacts, through the proxy routes of the same server
prefix = "%s/%s/artifacts" % (exp_id, run_id)
mlmodel = b"artifact_path: model\nflavors:\n  sklearn:\n    pickled_model: model.pkl\n"
blob = hashlib.sha256(b"seed").digest() * (1536 * 1024 // 32)
status, _ = request("PUT", "%s/%s/model/MLmodel" % (ARTIFACTS, prefix), raw=mlmodel, content_type=None)
expect(status == 200, "upload MLmodel")
status, _ = request("PUT", "%s/%s/model/model.pkl" % (ARTIFACTS, prefix), raw=blob, content_type="application/octet-stream")
expect(status == 200, "upload 1.5 MiB blob")
status, raw = request("GET", "%s?%s" % (ARTIFACTS, urllib.parse.urlencode({"path": prefix + "/model"})))
files = sorted(json.loads(raw)["files"], key=lambda f: f["path"])
expect(files == [{"path": "MLmodel", "is_dir": False, "file_size": len(mlmodel)},
                 {"path": "model.pkl", "is_dir": False, "file_size": len(blob)}], "artifact listing %s" % files)
status, raw = request("GET", "%s/%s/model/model.pkl" % (ARTIFACTS, prefix))
expect(status == 200 and raw == blob, "byte-exact download")
ok("POST", "runs/log-model", {"run_id": run_id, "model_json": json.dumps({
    "artifact_path": "model", "run_id": run_id, "utc_time_created": "2024-01-01 00:00:00.000000",
    "flavors": {"sklearn": {"pickled_model": "model.pkl"}}})})
ok("POST", "runs/update", {"run_id": run_id, "status": "FINISHED", "end_time": 1700000100000})

# Read back
got = ok("GET", "runs/get", {"run_id": run_id})["run"]
metrics = {m["key"]: m["value"] for m in got["data"]["metrics"]}
expect(metrics["rmse"] == 0.5, "latest rmse")
expect(isinstance(metrics["odd"], str) and math.isnan(float(metrics["odd"])), "NaN round-trips")
expect(metrics["big"] == 1.7976931348623157e308, "inf is max double")
params = {p["key"]: p["value"] for p in got["data"]["params"]}
expect(params == {"alpha": "0.5", "l1_ratio": "0.1"}, "params %s" % params)
expect(got["info"]["status"] == "FINISHED" and got["info"]["end_time"] == 1700000100000, "run finished")
expect(got["inputs"]["dataset_inputs"][0]["dataset"]["digest"] == "6f9c1d2a", "dataset input")
history_tag = [t["value"] for t in got["data"]["tags"] if t["key"] == "mlflow.log-model.history"]
expect(len(history_tag) == 1 and json.loads(history_tag[0])[0]["artifact_path"] == "model", "log-model history")

points, token = [], None
while True:
    args = {"run_id": run_id, "metric_key": "batch_loss", "max_results": 300}
    if token:
        args["page_token"] = token
    page = ok("GET", "metrics/get-history", args)
    points += page["metrics"]
    token = page.get("next_page_token")
    if not token:
        break
expect([p["step"] for p in points] == list(range(1000)), "paged metric history")

# Search, as mlflow.search_runs() sends it
second = ok("POST", "runs/create", {"experiment_id": exp_id, "start_time": 1700000200000, "run_name": "other"})["run"]["info"]["run_id"]
ok("POST", "runs/log-metric", {"run_id": second, "key": "rmse", "value": 0.2, "timestamp": 1, "step": 0})
ok("POST", "runs/update", {"run_id": second, "status": "FAILED", "end_time": 1700000300000})
def search(**kw):
    body = dict({"experiment_ids": [exp_id], "max_results": 1000}, **kw)
    return [r["info"]["run_id"] for r in ok("POST", "runs/search", body).get("runs", [])]
expect(search(filter="metrics.rmse > 0.3") == [run_id], "metric filter")
expect(search(filter="params.alpha = '0.5'") == [run_id], "param filter")
expect(search(filter="tags.stage LIKE 'zeta%'") == [run_id], "tag LIKE filter")
expect(search(filter="attributes.status = 'FAILED'") == [second], "status filter")
expect(search(filter="attributes.run_name = 'wire-run'") == [run_id], "run_name filter")
expect(search(filter="attributes.run_id IN ('%s', '%s')" % (run_id, second), order_by=["metrics.rmse ASC"]) == [second, run_id], "IN + order_by")
page1 = ok("POST", "runs/search", {"experiment_ids": [exp_id], "max_results": 1, "order_by": ["attributes.start_time ASC"]})
page2 = ok("POST", "runs/search", {"experiment_ids": [exp_id], "max_results": 1, "order_by": ["attributes.start_time ASC"], "page_token": page1["next_page_token"]})
expect([page1["runs"][0]["info"]["run_id"], page2["runs"][0]["info"]["run_id"]] == [run_id, second], "pagination")
ok("POST", "runs/delete", {"run_id": second})
expect(search() == [run_id], "deleted run hidden")
expect(search(run_view_type="DELETED_ONLY") == [second], "run_view_type DELETED_ONLY")
ok("POST", "runs/restore", {"run_id": second})
expect(len(search(run_view_type="ALL")) == 2, "run_view_type ALL")
ok("POST", "runs/delete-tag", {"run_id": run_id, "key": "stage"})

# Model registry, as mlflow.register_model() and MlflowClient use it
status, body = call("GET", "registered-models/get", {"name": "wine-model"})
expect(status == 404 and body["error_code"] == "RESOURCE_DOES_NOT_EXIST", "missing registered model")
ok("POST", "registered-models/create", {"name": "wine-model", "tags": [{"key": "team", "value": "ml"}]})
status, body = call("POST", "registered-models/create", {"name": "wine-model"})
expect(status == 400 and body["error_code"] == "RESOURCE_ALREADY_EXISTS", "duplicate registered model")
ok("PATCH", "registered-models/update", {"name": "wine-model", "description": "ElasticNet on wine quality"})
ok("POST", "registered-models/set-tag", {"name": "wine-model", "key": "domain", "value": "food"})
source = "mlflow-artifacts:/%s/%s/artifacts/model" % (exp_id, run_id)
v1 = ok("POST", "model-versions/create", {"name": "wine-model", "source": source, "run_id": run_id})["model_version"]
v2 = ok("POST", "model-versions/create", {"name": "wine-model", "source": source, "run_id": run_id,
                                          "tags": [{"key": "candidate", "value": "true"}]})["model_version"]
expect((v1["version"], v2["version"]) == ("1", "2"), "version numbers")

# The daemon's own view of the version: provenance captured from the run, and its lineage
NATIVE = BASE + "/api/mlops-lens/v1"
status, raw = request("GET", "%s/model-versions/metadata?%s" % (NATIVE, urllib.parse.urlencode({"name": "wine-model", "version": "1"})))
meta = json.loads(raw)
expect(status == 200 and meta["provenance"]["badge"] == "complete", "provenance badge %s" % meta)
expect(meta["metadata"]["provenance"] == {"git_commit": "0123abcd", "dataset_snapshot_uri": "file:///data/wine.csv"},
       "provenance from the run %s" % meta["metadata"])
status, raw = request("GET", "%s/lineage?%s" % (NATIVE, urllib.parse.urlencode({"node": "model_version:wine-model@1", "depth": 2})))
ids = sorted(n["id"] for n in json.loads(raw)["nodes"])
expect(status == 200 and ids == sorted(["model_version:wine-model@1", "model_version:wine-model@2", "run:" + run_id,
                                         "code:0123abcd", "dataset:wine@6f9c1d2a"]), "lineage %s" % ids)
expect(ok("GET", "model-versions/get", {"name": "wine-model", "version": "2"})["model_version"]["source"] == source, "version source")
expect(ok("GET", "model-versions/get-download-uri", {"name": "wine-model", "version": "1"}) == {"artifact_uri": source}, "download uri")
found = ok("GET", "model-versions/search", {"filter": "name='wine-model'"})["model_versions"]
expect(sorted(v["version"] for v in found) == ["1", "2"], "model-versions/search")
models = ok("GET", "registered-models/search", {"filter": "name LIKE 'wine%'", "max_results": 10})["registered_models"]
expect([m["name"] for m in models] == ["wine-model"], "registered-models/search")
ok("POST", "registered-models/alias", {"name": "wine-model", "alias": "champion", "version": "2"})
expect(ok("GET", "registered-models/alias", {"name": "wine-model", "alias": "champion"})["model_version"]["version"] == "2", "alias")
ok("DELETE", "registered-models/alias", {"name": "wine-model", "alias": "champion"})
status, body = call("GET", "registered-models/alias", {"name": "wine-model", "alias": "champion"})
expect(status == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE", "deleted alias is a 400")
staged = ok("POST", "model-versions/transition-stage", {"name": "wine-model", "version": "1", "stage": "Production",
                                                        "archive_existing_versions": False})["model_version"]
expect(staged["current_stage"] == "Production", "transition-stage")
latest = ok("POST", "registered-models/get-latest-versions", {"name": "wine-model", "stages": ["Production"]})["model_versions"]
expect([v["version"] for v in latest] == ["1"], "get-latest-versions")
ok("PATCH", "model-versions/update", {"name": "wine-model", "version": "2", "description": "challenger"})
ok("POST", "model-versions/set-tag", {"name": "wine-model", "version": "2", "key": "validated", "value": "yes"})
ok("DELETE", "model-versions/delete-tag", {"name": "wine-model", "version": "2", "key": "candidate"})
ok("DELETE", "model-versions/delete", {"name": "wine-model", "version": "2"})
status, body = call("GET", "model-versions/get", {"name": "wine-model", "version": "2"})
expect(status == 404 and body["error_code"] == "RESOURCE_DOES_NOT_EXIST", "deleted version")
ok("DELETE", "registered-models/delete-tag", {"name": "wine-model", "key": "domain"})
ok("DELETE", "registered-models/delete", {"name": "wine-model"})

# Routes of newer clients answer MLflow's 404 shape
status, body = call("POST", "logged-models/create", {"experiment_id": exp_id})
expect(status == 404 and body["error_code"] == "ENDPOINT_NOT_FOUND", "unknown route")

summary.update({"experiment_id": exp_id, "run_id": run_id, "history_points": len(points), "ok": True})
print(json.dumps(summary))
