"""Logs a run to the tracking server named by MLFLOW_TRACKING_URI.

Uses the MLflow client when it is installed; otherwise speaks the same REST API with the
standard library, so the example runs anywhere Python does.
"""
import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request


def _source_tags() -> list[dict]:
    """The source tags MLflow's client sets: the script, and the git commit when it runs in a checkout."""
    script = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    tags = [{"key": "mlflow.source.name", "value": script}, {"key": "mlflow.source.type", "value": "LOCAL"}]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=os.path.dirname(script) or ".", capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return tags
    return tags + [{"key": "mlflow.source.git.commit", "value": commit}]


class _RestRun:
    def __init__(self, base: str, token: str | None, experiment: str) -> None:
        self.base = base.rstrip("/") + "/api/2.0/mlflow"
        self.token = token
        found = self._call("GET", f"/experiments/get-by-name?experiment_name={experiment}", allow_missing=True)
        experiment_id = (
            found["experiment"]["experiment_id"]
            if found
            else self._call("POST", "/experiments/create", {"name": experiment})["experiment_id"]
        )
        run = self._call(
            "POST",
            "/runs/create",
            {"experiment_id": experiment_id, "start_time": int(time.time() * 1000), "tags": _source_tags()},
        )
        self.info = run["run"]["info"]
        self.run_id = self.info["run_id"]

    def _call(self, method: str, path: str, body: dict | None = None, allow_missing: bool = False):
        request = urllib.request.Request(self.base + path, method=method, data=None if body is None else json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            if allow_missing and error.code == 404:
                return None
            raise

    def log_params(self, params: dict) -> None:
        self._call("POST", "/runs/log-batch", {"run_id": self.run_id, "params": [{"key": k, "value": str(v)} for k, v in params.items()]})

    def log_metric(self, key: str, value: float) -> None:
        self._call("POST", "/runs/log-metric", {"run_id": self.run_id, "key": key, "value": value, "timestamp": int(time.time() * 1000), "step": 0})

    def log_artifact(self, path: str) -> None:
        artifact_root = self.info["artifact_uri"].split("mlflow-artifacts:/", 1)[-1]
        url = self.base.replace("/api/2.0/mlflow", "/api/2.0/mlflow-artifacts/artifacts/") + f"{artifact_root}/{os.path.basename(path)}"
        with open(path, "rb") as handle:
            request = urllib.request.Request(url, method="PUT", data=handle.read())
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        urllib.request.urlopen(request).close()

    def end(self, status: str) -> None:
        self._call("POST", "/runs/update", {"run_id": self.run_id, "status": status, "end_time": int(time.time() * 1000)})


class _NoRun:
    def log_params(self, params: dict) -> None: ...
    def log_metric(self, key: str, value: float) -> None: ...
    def log_artifact(self, path: str) -> None: ...


@contextlib.contextmanager
def tracked_run(experiment: str):
    uri = os.environ.get("MLFLOW_TRACKING_URI")
    if not uri:
        yield _NoRun()
        return
    try:
        import mlflow  # noqa: F401
    except ImportError:
        run = _RestRun(uri, os.environ.get("MLFLOW_TRACKING_TOKEN"), experiment)
        try:
            yield run
        except BaseException:
            run.end("FAILED")
            raise
        run.end("FINISHED")
        return
    mlflow.set_experiment(experiment)
    with mlflow.start_run():

        class _MlflowRun:
            log_params = staticmethod(mlflow.log_params)
            log_metric = staticmethod(mlflow.log_metric)
            log_artifact = staticmethod(mlflow.log_artifact)

        yield _MlflowRun()
