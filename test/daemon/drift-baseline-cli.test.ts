/**
 * `mlops-lens drift baseline <model>@<version>` against a real daemon process: it records the
 * version's baseline from the dataset its training run logged (a CSV artifact of the run), the
 * scorecard's drift checks then find it, and each refusal says what was wrong.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DriftBaselinesResponse } from '../../daemon/api/drift-contract.ts';
import type { Scorecard } from '../../daemon/api/scorecard-contract.ts';
import { BUNDLE_MISSING, startCliDaemon, type CliDaemon } from './cli-harness.ts';

const API = '/api/mlops-lens/v1';
const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts';
const CSV = 'tenure,contract,churned\n3,monthly,1\n40,yearly,0\n12,monthly,0\n,yearly,1\n';

describe('mlops-lens drift baseline', { skip: BUNDLE_MISSING }, () => {
  let scene: CliDaemon;

  async function ok(pending: Promise<{ status: number; text: string; json?: unknown }>): Promise<unknown> {
    const res = await pending;
    assert.equal(res.status, 200, res.text);
    return res.json;
  }

  before(async () => {
    scene = await startCliDaemon('mlops-lens-drift-baseline-');
    const { mlflow, call } = scene.calls;
    const created = (await ok(mlflow('POST', 'runs/create', { experiment_id: '0', start_time: 1 }))) as {
      run: { info: { run_id: string } };
    };
    const runId = created.run.info.run_id;
    await ok(
      call('PUT', `${ARTIFACTS}/0/${runId}/artifacts/data/train.csv`, {
        rawBody: CSV,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
    const source = JSON.stringify({ uri: `mlflow-artifacts:/0/${runId}/artifacts/data/train.csv` });
    await ok(
      mlflow('POST', 'runs/log-inputs', {
        run_id: runId,
        datasets: [{ tags: [], dataset: { name: 'train', digest: 'd1', source_type: 'http', source } }],
      }),
    );
    await ok(mlflow('POST', 'registered-models/create', { name: 'churn' }));
    await ok(
      mlflow('POST', 'model-versions/create', {
        name: 'churn',
        source: `runs:/${runId}/model`,
        run_id: runId,
      }),
    );
    await ok(mlflow('POST', 'model-versions/create', { name: 'churn', source: '/models/churn.joblib' }));
  });
  after(async () => {
    await scene?.close();
  });

  it("is the scorecard's fix for a missing baseline, and running it answers the drift checks", async () => {
    const before = JSON.parse((await scene.cli('scorecard', 'churn@1', '--json')).stdout) as Scorecard;
    const drift = before.answers.flatMap((a) => a.checks).find((c) => c.name === 'drift');
    assert.equal(drift?.found, false);
    assert.equal(drift?.fix?.command, 'mlops-lens drift baseline churn@1');

    const run = await scene.cli('drift', 'baseline', 'churn@1', '--prediction-column', 'churned');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^baseline +\S+$/m);
    assert.match(run.stdout, /^model +churn@1$/m);
    assert.match(run.stdout, /^rows +4$/m);
    assert.match(run.stdout, /^features +contract \(categorical\), tenure \(numerical\)$/m);
    assert.match(run.stdout, /^prediction +churned$/m);

    const listed = (await ok(
      scene.calls.call('GET', `${API}/drift/baselines`, { query: { model_name: 'churn' } }),
    )) as DriftBaselinesResponse;
    assert.equal(listed.baselines.length, 1);
    assert.equal(listed.baselines[0]?.model_version, '1');
    const after = JSON.parse((await scene.cli('scorecard', 'churn@1', '--json')).stdout) as Scorecard;
    const answered = after.answers.flatMap((a) => a.checks).find((c) => c.name === 'drift');
    assert.equal(answered?.found, true);
    assert.ok(after.score > before.score, `${after.score} > ${before.score}`);
  });

  it('says what was wrong: no training run, both sources, a dataset the run did not log', async () => {
    const noRun = await scene.cli('drift', 'baseline', 'churn@2');
    assert.equal(noRun.code, 1, noRun.stderr);
    assert.match(noRun.stderr, /churn@2 names no training run, so there is no logged data to record/);
    const both = await scene.cli('drift', 'baseline', 'churn@1', '--dataset', 'train', '--artifact', 'a.csv');
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give --dataset or --artifact, not both/);
    const unknown = await scene.cli('drift', 'baseline', 'churn@1', '--dataset', 'holdout');
    assert.equal(unknown.code, 1, unknown.stderr);
    assert.match(unknown.stderr, /holdout/);
    const usage = await scene.cli('drift', 'baseline', 'churn');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /expected <model>@<version>/);
  });
});
