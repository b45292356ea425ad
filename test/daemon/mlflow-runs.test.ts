/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- wire tests read raw JSON replies and check them by value */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

interface WireRun {
  info: { run_id: string; run_name: string; status: string; artifact_uri: string; end_time?: number };
  data: {
    metrics: { key: string; value: number | string; step: number }[];
    params: unknown[];
    tags: { key: string; value: string }[];
  };
  inputs: { dataset_inputs: { tags: unknown[]; dataset: { name: string; digest: string } }[] };
}

describe('MLflow runs API', () => {
  let daemon: TestDaemon;
  let experimentId: string;
  const createRun = async (body: Record<string, unknown> = {}): Promise<WireRun> => {
    const res = await daemon.mlflow('POST', 'runs/create', {
      experiment_id: experimentId,
      start_time: 1_700_000_000_000,
      ...body,
    });
    assert.equal(res.status, 200, res.text);
    return res.json.run as WireRun;
  };
  const getRun = async (runId: string): Promise<WireRun> =>
    (await daemon.mlflow('GET', 'runs/get', { run_id: runId })).json.run as WireRun;

  before(async () => {
    daemon = await startTestDaemon();
    experimentId = (await daemon.mlflow('POST', 'experiments/create', { name: 'runs' })).json
      .experiment_id as string;
  });
  after(async () => daemon.close());

  it('creates a run with MLflow defaults and the served artifact URI', async () => {
    const run = await createRun({
      run_name: 'baseline',
      user_id: 'ana',
      tags: [{ key: 'mlflow.source.git.commit', value: 'abc' }],
    });
    assert.match(run.info.run_id, /^[0-9a-f]{32}$/);
    assert.equal(run.info.status, 'RUNNING');
    assert.equal(run.info.run_name, 'baseline');
    assert.equal(run.info.artifact_uri, `mlflow-artifacts:/${experimentId}/${run.info.run_id}/artifacts`);
    assert.ok(run.data.tags.some((t) => t.key === 'mlflow.runName' && t.value === 'baseline'));
    const unknown = await daemon.mlflow('GET', 'runs/get', { run_id: 'f'.repeat(32) });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error_code, 'RESOURCE_DOES_NOT_EXIST');
    const unnamed = await createRun();
    assert.match(unnamed.info.run_name, /^[a-z]+-[a-z]+-\d+$/);
  });

  it('logs metrics that append, NaN that round-trips and infinities clamped to max double', async () => {
    const { info } = await createRun();
    for (const [step, value] of [
      [0, 0.5],
      [1, 0.7],
      [2, 'NaN'],
    ] as const) {
      const res = await daemon.mlflow('POST', 'runs/log-metric', {
        run_id: info.run_id,
        key: 'acc',
        value,
        timestamp: 1000 + step,
        step,
      });
      assert.equal(res.status, 200, res.text);
    }
    await daemon.mlflow('POST', 'runs/log-metric', {
      run_id: info.run_id,
      key: 'up',
      value: 'Infinity',
      timestamp: 1,
    });
    // Python's json.dumps writes bare NaN / -Infinity tokens.
    const bare = await daemon.call('POST', '/api/2.0/mlflow/runs/log-metric', {
      rawBody: `{"run_id": "${info.run_id}", "key": "down", "value": -Infinity, "timestamp": 1, "step": 0}`,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(bare.status, 200, bare.text);
    const history = await daemon.mlflow('GET', 'metrics/get-history', {
      run_id: info.run_id,
      metric_key: 'acc',
    });
    assert.deepEqual(
      history.json.metrics.map((m: { value: unknown }) => m.value),
      [0.5, 0.7, 'NaN'],
    );
    const run = await getRun(info.run_id);
    const byKey = Object.fromEntries(run.data.metrics.map((m) => [m.key, m.value]));
    assert.equal(byKey.acc, 'NaN');
    assert.match(history.text, /"value":"NaN"/);
    const raw = (await daemon.mlflow('GET', 'runs/get', { run_id: info.run_id })).text;
    assert.match(raw, /"value":1\.7976931348623157e\+308/);
    assert.match(raw, /"value":-1\.7976931348623157e\+308/);
  });

  it('keeps params write-once: same value is fine, a new value is 400', async () => {
    const { info } = await createRun();
    const log = (value: string) =>
      daemon.mlflow('POST', 'runs/log-parameter', { run_id: info.run_id, key: 'lr', value });
    assert.equal((await log('0.1')).status, 200);
    assert.equal((await log('0.1')).status, 200);
    const changed = await log('0.2');
    assert.equal(changed.status, 400);
    assert.equal(changed.json.error_code, 'INVALID_PARAMETER_VALUE');
    assert.match(changed.json.message, /Changing param values is not allowed/);
    const batch = await daemon.mlflow('POST', 'runs/log-batch', {
      run_id: info.run_id,
      params: [{ key: 'lr', value: '0.3' }],
    });
    assert.equal(batch.status, 400);
  });

  it('log-batch: metrics, params and tags in one transaction, with MLflow limits', async () => {
    const { info } = await createRun();
    const metrics = Array.from({ length: 1000 }, (_, i) => ({
      key: 'loss',
      value: 1 / (i + 1),
      timestamp: 1_700_000_000_000 + i,
      step: i,
    }));
    const ok = await daemon.mlflow('POST', 'runs/log-batch', { run_id: info.run_id, metrics });
    assert.equal(ok.status, 200, ok.text);
    const tooMany = await daemon.mlflow('POST', 'runs/log-batch', {
      run_id: info.run_id,
      metrics: [...metrics, { key: 'loss', value: 0, timestamp: 1, step: 5000 }],
    });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.json.message, /at most 1000 metrics/);
    const tooManyParams = await daemon.mlflow('POST', 'runs/log-batch', {
      run_id: info.run_id,
      params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'v' })),
    });
    assert.equal(tooManyParams.status, 400);
    const dupKeys = await daemon.mlflow('POST', 'runs/log-batch', {
      run_id: info.run_id,
      params: [
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
      ],
    });
    assert.equal(dupKeys.status, 400);
    // A failing batch writes nothing: the valid metric before the bad param is rolled back.
    const partial = await daemon.mlflow('POST', 'runs/log-batch', {
      run_id: info.run_id,
      metrics: [{ key: 'never', value: 1, timestamp: 1, step: 0 }],
      params: [{ key: 'bad/../key', value: 'x' }],
    });
    assert.equal(partial.status, 400);
    const run = await getRun(info.run_id);
    assert.ok(!run.data.metrics.some((m) => m.key === 'never'));
    const all = await daemon.mlflow('GET', 'metrics/get-history', {
      run_id: info.run_id,
      metric_key: 'loss',
    });
    assert.equal(all.json.metrics.length, 1000);
  });

  it('sets and deletes tags; mlflow.runName renames the run; update sets status and end time', async () => {
    const { info } = await createRun({ run_name: 'before' });
    await daemon.mlflow('POST', 'runs/set-tag', {
      run_id: info.run_id,
      key: 'mlflow.runName',
      value: 'after',
    });
    await daemon.mlflow('POST', 'runs/set-tag', { run_uuid: info.run_id, key: 'note', value: 'x' });
    assert.equal((await getRun(info.run_id)).info.run_name, 'after');
    assert.equal(
      (await daemon.mlflow('POST', 'runs/delete-tag', { run_id: info.run_id, key: 'note' })).status,
      200,
    );
    const again = await daemon.mlflow('POST', 'runs/delete-tag', { run_id: info.run_id, key: 'note' });
    assert.equal(again.status, 404);
    const updated = await daemon.mlflow('POST', 'runs/update', {
      run_id: info.run_id,
      status: 'FINISHED',
      end_time: 1_700_000_100_000,
    });
    assert.equal(updated.json.run_info.status, 'FINISHED');
    assert.equal(updated.json.run_info.end_time, 1_700_000_100_000);
    const badStatus = await daemon.mlflow('POST', 'runs/update', { run_id: info.run_id, status: 'DONE' });
    assert.equal(badStatus.status, 400);
  });

  it('records dataset inputs and the log-model history', async () => {
    const { info } = await createRun();
    const dataset = {
      name: 'iris',
      digest: 'd1',
      source_type: 'local',
      source: 'file:///data/iris.csv',
      schema: '{}',
    };
    const res = await daemon.mlflow('POST', 'runs/log-inputs', {
      run_id: info.run_id,
      datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset }],
    });
    assert.equal(res.status, 200, res.text);
    const model = {
      artifact_path: 'model',
      flavors: { sklearn: {} },
      run_id: info.run_id,
      utc_time_created: '2024-01-01',
    };
    assert.equal(
      (
        await daemon.mlflow('POST', 'runs/log-model', {
          run_id: info.run_id,
          model_json: JSON.stringify(model),
        })
      ).status,
      200,
    );
    const bad = await daemon.mlflow('POST', 'runs/log-model', { run_id: info.run_id, model_json: '{oops' });
    assert.equal(bad.status, 400);
    const run = await getRun(info.run_id);
    assert.deepEqual(run.inputs.dataset_inputs, [
      { tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset },
    ]);
    const history = run.data.tags.find((t) => t.key === 'mlflow.log-model.history');
    assert.deepEqual(JSON.parse(history?.value ?? '[]'), [model]);
  });

  it('refuses writes to a deleted run until it is restored', async () => {
    const { info } = await createRun();
    await daemon.mlflow('POST', 'runs/delete', { run_id: info.run_id });
    const refused = await daemon.mlflow('POST', 'runs/log-metric', {
      run_id: info.run_id,
      key: 'm',
      value: 1,
      timestamp: 1,
    });
    assert.equal(refused.status, 400);
    assert.match(refused.json.message, /must be in the 'active' state/);
    await daemon.mlflow('POST', 'runs/restore', { run_id: info.run_id });
    const accepted = await daemon.mlflow('POST', 'runs/log-metric', {
      run_id: info.run_id,
      key: 'm',
      value: 1,
      timestamp: 1,
    });
    assert.equal(accepted.status, 200);
  });

  it('paginates metric history and downsamples it on request', async () => {
    const { info } = await createRun();
    for (let chunk = 0; chunk < 5; chunk += 1) {
      const metrics = Array.from({ length: 1000 }, (_, i) => {
        const step = chunk * 1000 + i;
        return { key: 'wave', value: step === 2500 ? 100 : Math.sin(step / 50), timestamp: step, step };
      });
      await daemon.mlflow('POST', 'runs/log-batch', { run_id: info.run_id, metrics });
    }
    const steps: number[] = [];
    let pageToken: string | undefined;
    do {
      const page = await daemon.mlflow('GET', 'metrics/get-history', {
        run_id: info.run_id,
        metric_key: 'wave',
        max_results: 1500,
        ...(pageToken !== undefined ? { page_token: pageToken } : {}),
      });
      steps.push(...page.json.metrics.map((m: { step: number }) => m.step));
      pageToken = page.json.next_page_token as string | undefined;
    } while (pageToken !== undefined);
    assert.deepEqual(
      steps,
      Array.from({ length: 5000 }, (_, i) => i),
    );
    const thin = await daemon.mlflow('GET', 'metrics/get-history', {
      run_id: info.run_id,
      metric_key: 'wave',
      max_points: 200,
    });
    const points = thin.json.metrics as { step: number; value: number }[];
    assert.ok(points.length <= 200 && points.length >= 100, String(points.length));
    assert.ok(
      points.some((p) => p.value === 100),
      'the spike survives downsampling',
    );
    assert.equal(points[0]?.step, 0);
    assert.equal(points.at(-1)?.step, 4999);
  });
});
