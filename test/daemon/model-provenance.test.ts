import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  NATIVE_API_PREFIX,
  PROVENANCE_MISSING_TAG,
  type ErrorResponse,
  type ModelVersion,
  type ModelVersionMetadataResponse,
} from '../../daemon/api/contract.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';
import { GIT_COMMIT, logTrainingRun, registerVersion } from './training-run.ts';

const metadataOf = async (daemon: TestDaemon, name: string, version: string) => {
  const res = await daemon.call('GET', `${NATIVE_API_PREFIX}/model-versions/metadata`, {
    query: { name, version },
  });
  assert.equal(res.status, 200, res.text);
  return res.json as ModelVersionMetadataResponse;
};

describe('model version metadata and provenance', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon();
  });
  after(async () => daemon.close());

  it('fills framework, signature and provenance from the run a version is registered from', async () => {
    const training = await logTrainingRun(daemon);
    const version = await registerVersion(daemon, 'iris', training);
    assert.deepEqual(version.tags, [], 'a version with provenance is not flagged');
    const body = await metadataOf(daemon, 'iris', version.version);
    assert.equal(body.valid, true, body.schema_errors.join('; '));
    assert.deepEqual(body.provenance, { badge: 'complete', missing: [] });
    assert.deepEqual(body.metadata, {
      model_name: 'iris',
      version: '1',
      artifact_uri: training.modelSource,
      framework: { name: 'sklearn', version: '1.4.2' },
      signature: {
        inputs: [
          { name: 'sepal length (cm)', type: 'double' },
          { name: 'petal width (cm)', type: 'double' },
        ],
        outputs: [{ name: 'output_0', type: 'int64', shape: [-1] }],
      },
      provenance: {
        git_commit: GIT_COMMIT,
        dataset_snapshot_uri: 'file:///data/iris.csv',
        environment_lockfile_uri: `${training.modelSource}/requirements.txt`,
      },
    });
  });

  it('finds the run from the source alone when run_id is not sent', async () => {
    const training = await logTrainingRun(daemon);
    await daemon.mlflow('POST', 'registered-models/create', { name: 'by-source' });
    const res = await daemon.mlflow('POST', 'model-versions/create', {
      name: 'by-source',
      source: training.modelSource,
    });
    assert.equal(res.status, 200, res.text);
    const body = await metadataOf(daemon, 'by-source', '1');
    assert.equal(body.metadata.provenance.git_commit, GIT_COMMIT);
    assert.equal(body.provenance.badge, 'complete');
  });

  it('warns by default: a version without provenance gets a tag and says what is missing', async () => {
    const training = await logTrainingRun(daemon, { gitCommit: '', dataset: false });
    const version = await registerVersion(daemon, 'bare', training);
    assert.deepEqual(version.tags, [
      { key: PROVENANCE_MISSING_TAG, value: 'git_commit,dataset_snapshot_uri' },
    ]);
    const body = await metadataOf(daemon, 'bare', version.version);
    assert.equal(body.valid, false);
    assert.deepEqual(body.provenance, {
      badge: 'incomplete',
      missing: ['git_commit', 'dataset_snapshot_uri'],
    });
    assert.ok(
      body.schema_errors.some((e) => e.includes('git_commit')),
      body.schema_errors.join('; '),
    );
    assert.equal(body.metadata.framework?.name, 'sklearn', 'what is known is still reported');

    await daemon.mlflow('POST', 'registered-models/create', { name: 'no-run' });
    const noRun = await daemon.mlflow('POST', 'model-versions/create', {
      name: 'no-run',
      source: 's3://bucket/models/churn',
    });
    assert.equal(noRun.status, 200, noRun.text);
    const noRunBody = await metadataOf(daemon, 'no-run', '1');
    assert.equal(noRunBody.provenance.badge, 'incomplete');
    assert.equal(noRunBody.metadata.artifact_uri, 's3://bucket/models/churn');
  });

  it('answers 404 for an unknown version and needs the token', async () => {
    const missing = await daemon.call('GET', `${NATIVE_API_PREFIX}/model-versions/metadata`, {
      query: { name: 'iris', version: '99' },
    });
    assert.equal(missing.status, 404);
    assert.equal((missing.json as ErrorResponse).error_code, 'RESOURCE_DOES_NOT_EXIST');
    const anonymous = await daemon.call('GET', `${NATIVE_API_PREFIX}/model-versions/metadata`, {
      query: { name: 'iris', version: '1' },
      headers: { authorization: undefined },
    });
    assert.equal(anonymous.status, 401);
  });
});

describe('provenance gate', () => {
  it('refuses a version without provenance with INVALID_PARAMETER_VALUE and writes nothing', async () => {
    const daemon = await startTestDaemon({ provenanceGate: 'refuse' });
    try {
      const bare = await logTrainingRun(daemon, { dataset: false });
      await daemon.mlflow('POST', 'registered-models/create', { name: 'gated' });
      const refused = await daemon.mlflow('POST', 'model-versions/create', {
        name: 'gated',
        source: bare.modelSource,
        run_id: bare.run.info.run_id,
      });
      assert.equal(refused.status, 400, refused.text);
      assert.equal((refused.json as ErrorResponse).error_code, 'INVALID_PARAMETER_VALUE');
      assert.match((refused.json as ErrorResponse).message, /dataset_snapshot_uri/);
      const search = await daemon.mlflow('GET', 'model-versions/search', { filter: "name = 'gated'" });
      assert.deepEqual((search.json as { model_versions: ModelVersion[] }).model_versions, []);

      const version = await registerVersion(daemon, 'gated', await logTrainingRun(daemon));
      assert.equal(version.version, '1', 'the refused attempt used no version number');
    } finally {
      await daemon.close();
    }
  });

  it('accepts a version from outside the daemon whose tags declare its provenance', async () => {
    const daemon = await startTestDaemon({ provenanceGate: 'refuse' });
    try {
      await daemon.mlflow('POST', 'registered-models/create', { name: 'imported' });
      const declared = [
        { key: 'mlops_lens.provenance.git_commit', value: 'ABCDEF1234567' },
        { key: 'mlops_lens.provenance.dataset_snapshot_uri', value: 's3://data/train@v3' },
      ];
      const res = await daemon.mlflow('POST', 'model-versions/create', {
        name: 'imported',
        source: 's3://models/imported/1',
        tags: declared,
      });
      assert.equal(res.status, 200, res.text);
      const body = await metadataOf(daemon, 'imported', '1');
      assert.deepEqual(body.metadata.provenance, {
        git_commit: 'abcdef1234567',
        dataset_snapshot_uri: 's3://data/train@v3',
      });
      assert.equal(body.provenance.badge, 'complete');

      const wrong = await daemon.mlflow('POST', 'model-versions/create', {
        name: 'imported',
        source: 's3://models/imported/2',
        tags: [...declared, { key: 'mlops_lens.provenance.git_commit', value: 'main' }],
      });
      assert.equal(wrong.status, 400);
      assert.match((wrong.json as ErrorResponse).message, /hex commit SHA/);
    } finally {
      await daemon.close();
    }
  });

  it('off: neither refuses nor tags', async () => {
    const daemon = await startTestDaemon({ provenanceGate: 'off' });
    try {
      const version = await registerVersion(daemon, 'open', await logTrainingRun(daemon, { gitCommit: '' }));
      assert.deepEqual(version.tags, []);
      assert.deepEqual((await metadataOf(daemon, 'open', '1')).provenance.missing, ['git_commit']);
    } finally {
      await daemon.close();
    }
  });
});
