import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  NATIVE_API_PREFIX,
  type ErrorResponse,
  type LineageEdge,
  type LineageNode,
  type LineageResponse,
} from '../../daemon/api/contract.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';
import {
  DATASET_DIGEST,
  GIT_COMMIT,
  logTrainingRun,
  registerVersion,
  type LoggedTraining,
} from './training-run.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const REQUIREMENTS = 'mlflow==2.12.2\nscikit-learn==1.4.2\n';

describe('lineage API', () => {
  let daemon: TestDaemon;
  let first: LoggedTraining;
  let second: LoggedTraining;
  before(async () => {
    daemon = await startTestDaemon();
    first = await logTrainingRun(daemon);
    second = await logTrainingRun(daemon, { requirements: 'mlflow==2.12.2\nscikit-learn==1.5.0\n' });
    await registerVersion(daemon, 'iris', first);
    await registerVersion(daemon, 'iris', second);
  });
  after(async () => daemon.close());

  const lineage = async (node: string, depth?: number): Promise<LineageResponse> => {
    const res = await daemon.call('GET', `${NATIVE_API_PREFIX}/lineage`, {
      query: depth === undefined ? { node } : { node, depth: String(depth) },
    });
    assert.equal(res.status, 200, res.text);
    return res.json as LineageResponse;
  };
  const byId = (body: LineageResponse, id: string): LineageNode => {
    const node = body.nodes.find((n) => n.id === id);
    assert.ok(node, `${id} in ${body.nodes.map((n) => n.id).join(', ')}`);
    return node;
  };
  const edgeKeys = (edges: LineageEdge[]): string[] =>
    edges.map((e) => `${e.from} -${e.type}-> ${e.to}`).sort();

  it('answers which data, code, config, environment and hardware produced a model version', async () => {
    const body = await lineage('model_version:iris@1', 2);
    const run = `run:${first.run.info.run_id}`;
    const environment = `environment:${sha256(REQUIREMENTS)}`;
    const preprocessing = `preprocessing:${sha256('fitted scaler bytes')}`;
    assert.deepEqual(edgeKeys(body.edges), [
      `${run} -produced-> ${preprocessing}`,
      `${run} -registered_as-> model_version:iris@1`,
      `${run} -used-> code:${GIT_COMMIT}`,
      `${run} -used-> dataset:iris@${DATASET_DIGEST}`,
      `${run} -used-> ${environment}`,
    ]);
    const version = byId(body, 'model_version:iris@1');
    assert.equal(version.attributes.provenance, 'complete');
    assert.deepEqual(version.attributes.framework, { name: 'sklearn', version: '1.4.2' });
    const dataset = byId(body, `dataset:iris@${DATASET_DIGEST}`);
    assert.equal(dataset.attributes.uri, 'file:///data/iris.csv');
    assert.equal(byId(body, `code:${GIT_COMMIT}`).attributes.git_commit, GIT_COMMIT);
    const runNode = byId(body, run);
    assert.deepEqual(runNode.attributes.params, { C: '1.0', max_iter: '200' });
    assert.deepEqual(runNode.attributes.hardware, {
      gpu_model: 'NVIDIA A10G',
      gpu_count: 1,
      system_metrics: true,
    });
    assert.deepEqual(runNode.attributes.metrics, { training_accuracy: 0.97 });
    assert.deepEqual(byId(body, environment).attributes.uris, [`${first.modelSource}/requirements.txt`]);
    assert.equal(byId(body, preprocessing).label, 'scaler.joblib');
  });

  it('stops at the requested depth and walks shared nodes to every run that used them', async () => {
    const near = await lineage('model_version:iris@1', 1);
    assert.deepEqual(
      near.nodes.map((n) => n.id).sort(),
      ['model_version:iris@1', `run:${first.run.info.run_id}`].sort(),
    );
    assert.equal((await lineage('model_version:iris@1', 0)).nodes.length, 1);

    const dataset = await lineage(`dataset:iris@${DATASET_DIGEST}`, 2);
    const versions = dataset.nodes
      .filter((n) => n.type === 'model_version')
      .map((n) => n.id)
      .sort();
    assert.deepEqual(versions, ['model_version:iris@1', 'model_version:iris@2']);
    // The two runs installed different requirements: two environments, one per run.
    assert.equal(dataset.nodes.filter((n) => n.type === 'environment').length, 2);
    const code = await lineage(`code:${GIT_COMMIT}`, 1);
    assert.deepEqual(
      code.nodes
        .filter((n) => n.type === 'run')
        .map((n) => n.id)
        .sort(),
      [`run:${first.run.info.run_id}`, `run:${second.run.info.run_id}`].sort(),
    );
    assert.equal(code.nodes.length, 3, 'depth 1: the code and the runs that used it, nothing further');
  });

  it('keeps a dirty working tree apart from the clean commit', async () => {
    const dirty = await logTrainingRun(daemon);
    await daemon.mlflow('POST', 'runs/set-tag', {
      run_id: dirty.run.info.run_id,
      key: 'mlops_lens.source.git.dirty',
      value: 'true',
    });
    const body = await lineage(`code:${GIT_COMMIT}-dirty`, 1);
    assert.deepEqual(byId(body, `code:${GIT_COMMIT}-dirty`).attributes.dirty, true);
    assert.deepEqual(
      body.nodes.filter((n) => n.type === 'run').map((n) => n.id),
      [`run:${dirty.run.info.run_id}`],
    );
    const clean = await lineage(`code:${GIT_COMMIT}`, 1);
    assert.ok(!clean.nodes.some((n) => n.id === `run:${dirty.run.info.run_id}`));
    assert.equal(byId(clean, `code:${GIT_COMMIT}`).attributes.dirty, null, 'unknown when no run says');
  });

  it('refuses unknown nodes, bad ids and depths with MLflow-shaped errors', async () => {
    const unknown = await daemon.call('GET', `${NATIVE_API_PREFIX}/lineage`, { query: { node: 'run:nope' } });
    assert.equal(unknown.status, 404);
    assert.equal((unknown.json as ErrorResponse).error_code, 'RESOURCE_DOES_NOT_EXIST');
    const badQueries: Record<string, string>[] = [
      { node: 'bogus:1' },
      { node: 'run' },
      { node: 'run:x', depth: '99' },
      {},
    ];
    for (const query of badQueries) {
      const res = await daemon.call('GET', `${NATIVE_API_PREFIX}/lineage`, { query });
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.equal((res.json as ErrorResponse).error_code, 'INVALID_PARAMETER_VALUE');
    }
    const budget = await daemon.call('GET', `${NATIVE_API_PREFIX}/lineage`, {
      query: { node: `code:${GIT_COMMIT}`, depth: '3', max_nodes: '3' },
    });
    assert.equal((budget.json as LineageResponse).nodes.length, 3);
    assert.equal((budget.json as LineageResponse).truncated, true);
  });
});
