import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSignature } from '../../daemon/store/mlmodel-signature.ts';
import { datasetUriOf, missingProvenance, modelProvenance } from '../../daemon/store/model-provenance.ts';
import type { RunEvidence } from '../../daemon/store/run-evidence.ts';

const run = (overrides: Partial<RunEvidence> = {}): RunEvidence => ({
  runId: 'r1',
  experimentId: '0',
  runName: 'run',
  status: 'FINISHED',
  startTime: 1,
  artifactUri: 'mlflow-artifacts:/0/r1/artifacts',
  tags: new Map(),
  params: new Map(),
  latestMetrics: new Map(),
  datasets: [],
  loggedModels: [],
  artifacts: [],
  ...overrides,
});

describe('reading a logged model and its run', () => {
  it('reads column and tensor signatures as MLflow logs them, and rejects malformed ones', () => {
    assert.deepEqual(
      readSignature({
        inputs:
          '[{"type": "tensor", "name": "pixels", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}}]',
        outputs: [{ type: 'long', name: 'label' }],
      }),
      {
        inputs: [{ name: 'pixels', type: 'float32', shape: [-1, 28, 28] }],
        outputs: [{ name: 'label', type: 'long' }],
      },
    );
    for (const bad of [
      null,
      'x',
      { inputs: '{oops', outputs: '[]' },
      { inputs: '[]', outputs: '[]' },
      { inputs: '[1]', outputs: '[{"type": "x"}]' },
    ]) {
      assert.equal(readSignature(bad), undefined, JSON.stringify(bad));
    }
  });

  it('finds the dataset URI inside MLflow sources and refuses relative paths', () => {
    assert.equal(datasetUriOf('{"uri": "s3://bucket/train.parquet"}'), 's3://bucket/train.parquet');
    assert.equal(datasetUriOf('{"url": "https://example.org/d.csv"}'), 'https://example.org/d.csv');
    assert.equal(datasetUriOf('{"path": "/data/my file.csv"}'), 'file:///data/my%20file.csv');
    assert.equal(datasetUriOf('dbfs:/datasets/x'), 'dbfs:/datasets/x');
    assert.equal(
      datasetUriOf('{"tags": {"mlflow.user": "ana"}}'),
      undefined,
      'a dataset built in code has no URI',
    );
    assert.equal(datasetUriOf('data/train.csv'), undefined);
  });

  it('picks the logged model the version points to, and the training dataset over evaluation ones', () => {
    const evidence = run({
      tags: new Map([['mlflow.source.git.commit', 'NOT-A-SHA']]),
      datasets: [
        {
          datasetId: 1,
          name: 'eval',
          digest: 'e',
          sourceType: 'local',
          source: '{"uri": "/data/eval.csv"}',
          context: 'eval',
        },
        {
          datasetId: 2,
          name: 'train',
          digest: 't',
          sourceType: 'local',
          source: '{"uri": "/data/train.csv"}',
          context: 'training',
        },
      ],
      loggedModels: [
        { artifact_path: 'first', flavors: { xgboost: { xgb_version: '2.0.3' } } },
        {
          artifact_path: 'second',
          flavors: { python_function: { python_version: '3.11' } },
          mlflow_version: '2.12.2',
        },
      ],
      artifacts: [
        { path: 'second/requirements.txt', sha256: 'b', size: 1 },
        { path: 'first/requirements.txt', sha256: 'a', size: 1 },
        { path: 'first/conda.yaml', sha256: 'c', size: 1 },
      ],
    });
    const first = modelProvenance('mlflow-artifacts:/0/r1/artifacts/first', evidence);
    assert.deepEqual(first, {
      runId: 'r1',
      modelArtifactPath: 'first',
      framework: { name: 'xgboost', version: '2.0.3' },
      datasetSnapshotUri: 'file:///data/train.csv',
      environmentLockfileUri: 'mlflow-artifacts:/0/r1/artifacts/first/requirements.txt',
      environmentLockfileSha256: 'a',
    });
    assert.deepEqual(missingProvenance(first), ['git_commit'], 'a tag that is not a SHA is no commit');
    const second = modelProvenance('runs:/r1/second', evidence);
    assert.deepEqual(second.framework, { name: 'python_function', version: '2.12.2' });
    assert.equal(second.environmentLockfileSha256, 'b');
    assert.deepEqual(modelProvenance('s3://elsewhere/model', undefined), {});
  });
});
