/**
 * A training run logged the way MLflow's 2.12 Python client logs `mlflow.sklearn.log_model`
 * after `mlflow.log_input` (MLFLOW-WIRE.md): runs/create with the source tags, log-batch,
 * log-inputs, artifact uploads of the model folder and a fitted scaler, runs/log-model, then
 * model-versions/create with `source` under the run's artifact URI.
 */
import assert from 'node:assert/strict';
import type { ModelVersion, Run } from '../../daemon/api/contract.ts';
import type { DaemonCalls } from './daemon-harness.ts';

export const GIT_COMMIT = '3f9c2a71d0b4e8a6c5f1e2d3b4a5968778695a4b';
export const DATASET_DIGEST = 'a1b2c3d4';

export const SIGNATURE = {
  inputs:
    '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type": "double", "name": "petal width (cm)", "required": true}]',
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]',
  params: null,
};

export interface LoggedTraining {
  run: Run;
  modelSource: string;
}

export interface TrainingOptions {
  gitCommit?: string;
  dataset?: boolean;
  experimentId?: string;
  requirements?: string;
}

export async function logTrainingRun(
  daemon: DaemonCalls,
  options: TrainingOptions = {},
): Promise<LoggedTraining> {
  const tags = [
    { key: 'mlflow.user', value: 'ana' },
    { key: 'mlflow.source.name', value: 'train.py' },
    { key: 'mlflow.source.type', value: 'LOCAL' },
    { key: 'mlops_lens.hardware.gpu_model', value: 'NVIDIA A10G' },
  ];
  const commit = options.gitCommit === undefined ? GIT_COMMIT : options.gitCommit;
  if (commit !== '') tags.push({ key: 'mlflow.source.git.commit', value: commit });
  const created = await daemon.mlflow('POST', 'runs/create', {
    experiment_id: options.experimentId ?? '0',
    user_id: 'ana',
    start_time: Date.now(),
    tags,
  });
  assert.equal(created.status, 200, created.text);
  const runId = (created.json as { run: Run }).run.info.run_id;
  const artifactUri = (created.json as { run: Run }).run.info.artifact_uri;
  await ok(
    daemon.mlflow('POST', 'runs/log-batch', {
      run_id: runId,
      params: [
        { key: 'C', value: '1.0' },
        { key: 'max_iter', value: '200' },
      ],
      metrics: [
        { key: 'training_accuracy', value: 0.97, timestamp: Date.now(), step: 0 },
        { key: 'system/gpu_0_utilization_percentage', value: 41, timestamp: Date.now(), step: 0 },
      ],
      tags: [],
    }),
  );
  if (options.dataset !== false) {
    await ok(
      daemon.mlflow('POST', 'runs/log-inputs', {
        run_id: runId,
        datasets: [
          {
            tags: [{ key: 'mlflow.data.context', value: 'training' }],
            dataset: {
              name: 'iris',
              digest: DATASET_DIGEST,
              source_type: 'local',
              source: '{"uri": "/data/iris.csv"}',
              schema: '{"mlflow_colspec": [{"type": "double", "name": "sepal length (cm)"}]}',
              profile: '{"num_rows": 150, "num_elements": 600}',
            },
          },
        ],
      }),
    );
  }
  const root = artifactUri.replace('mlflow-artifacts:/', '');
  const files: [string, string][] = [
    ['model/MLmodel', 'artifact_path: model\n'],
    ['model/model.pkl', 'pickled model bytes'],
    ['model/requirements.txt', options.requirements ?? 'mlflow==2.12.2\nscikit-learn==1.4.2\n'],
    ['model/conda.yaml', 'name: mlflow-env\n'],
    ['model/python_env.yaml', 'python: 3.11.9\n'],
    ['preprocessing/scaler.joblib', 'fitted scaler bytes'],
  ];
  for (const [file, content] of files) {
    const put = await daemon.call('PUT', `/api/2.0/mlflow-artifacts/artifacts/${root}/${file}`, {
      rawBody: content,
    });
    assert.equal(put.status, 200, put.text);
  }
  const model = {
    artifact_path: 'model',
    flavors: {
      python_function: {
        model_path: 'model.pkl',
        predict_fn: 'predict',
        loader_module: 'mlflow.sklearn',
        python_version: '3.11.9',
        env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
      },
      sklearn: {
        pickled_model: 'model.pkl',
        sklearn_version: '1.4.2',
        serialization_format: 'cloudpickle',
        code: null,
      },
    },
    run_id: runId,
    utc_time_created: '2026-11-25 09:00:00.000000',
    mlflow_version: '2.12.2',
    model_uuid: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    signature: SIGNATURE,
  };
  await ok(daemon.mlflow('POST', 'runs/log-model', { run_id: runId, model_json: JSON.stringify(model) }));
  await ok(daemon.mlflow('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() }));
  const run = (await daemon.mlflow('GET', 'runs/get', { run_id: runId })).json as { run: Run };
  return { run: run.run, modelSource: `${artifactUri}/model` };
}

/** registered-models/create (once) and model-versions/create as the client sends them. */
export async function registerVersion(
  daemon: DaemonCalls,
  name: string,
  training: LoggedTraining,
): Promise<ModelVersion> {
  const existing = await daemon.mlflow('GET', 'registered-models/get', { name });
  if (existing.status === 404) await ok(daemon.mlflow('POST', 'registered-models/create', { name }));
  const res = await daemon.mlflow('POST', 'model-versions/create', {
    name,
    source: training.modelSource,
    run_id: training.run.info.run_id,
  });
  assert.equal(res.status, 200, res.text);
  return (res.json as { model_version: ModelVersion }).model_version;
}

async function ok(pending: Promise<{ status: number; text: string }>): Promise<void> {
  const res = await pending;
  assert.equal(res.status, 200, res.text);
}
