/* eslint-disable @typescript-eslint/no-unsafe-member-access -- wire tests read raw JSON replies and check them by value */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

describe('MLflow runs/search', () => {
  let daemon: TestDaemon;
  let experimentId: string;
  const names: Record<string, string> = {};

  const search = async (body: Record<string, unknown>): Promise<string[]> => {
    const res = await daemon.mlflow('POST', 'runs/search', { experiment_ids: [experimentId], ...body });
    assert.equal(res.status, 200, res.text);
    return (res.json.runs as { info: { run_id: string } }[]).map((r) => names[r.info.run_id] ?? '?');
  };

  before(async () => {
    daemon = await startTestDaemon();
    experimentId = (await daemon.mlflow('POST', 'experiments/create', { name: 'search' })).json
      .experiment_id as string;
    const fixtures = [
      { name: 'alpha', x: 0.9, y: 'beta', z: 'zeta-1', status: 'FINISHED', start: 1000 },
      { name: 'bravo', x: 0.4, y: 'beta', z: 'eta', status: 'FAILED', start: 2000 },
      { name: 'charlie', x: 0.7, y: 'gamma', z: 'zeta-2', status: 'FINISHED', start: 3000 },
      { name: 'delta', x: undefined, y: 'Beta', z: 'ZETA', status: 'RUNNING', start: 4000 },
    ];
    for (const f of fixtures) {
      const run = (
        await daemon.mlflow('POST', 'runs/create', {
          experiment_id: experimentId,
          run_name: f.name,
          start_time: f.start,
        })
      ).json.run as { info: { run_id: string } };
      names[run.info.run_id] = f.name;
      await daemon.mlflow('POST', 'runs/log-batch', {
        run_id: run.info.run_id,
        metrics: f.x === undefined ? [] : [{ key: 'x', value: f.x, timestamp: 1, step: 0 }],
        params: [{ key: 'y', value: f.y }],
        tags: [{ key: 'z', value: f.z }],
      });
      if (f.status !== 'RUNNING')
        await daemon.mlflow('POST', 'runs/update', {
          run_id: run.info.run_id,
          status: f.status,
          end_time: f.start + 1,
        });
    }
  });
  after(async () => daemon.close());

  it('orders newest first by default', async () => {
    assert.deepEqual(await search({}), ['delta', 'charlie', 'bravo', 'alpha']);
  });

  it('filters on metrics, params, tags and attributes, AND-joined', async () => {
    assert.deepEqual(await search({ filter: 'metrics.x > 0.5' }), ['charlie', 'alpha']);
    assert.deepEqual(await search({ filter: "params.y = 'beta'" }), ['bravo', 'alpha']);
    assert.deepEqual(await search({ filter: "tags.z LIKE 'zeta%'" }), ['charlie', 'alpha']);
    assert.deepEqual(await search({ filter: "tags.z ILIKE 'zeta%'" }), ['delta', 'charlie', 'alpha']);
    assert.deepEqual(await search({ filter: "attributes.status = 'FAILED'" }), ['bravo']);
    assert.deepEqual(await search({ filter: "run_name = 'charlie'" }), ['charlie']);
    assert.deepEqual(
      await search({ filter: "metrics.x >= 0.4 and params.y = 'beta' AND attributes.status != 'RUNNING'" }),
      ['bravo', 'alpha'],
    );
    assert.deepEqual(await search({ filter: 'attributes.start_time > 2500' }), ['delta', 'charlie']);
    assert.deepEqual(await search({ filter: 'metrics.`x` < 0.5' }), ['bravo']);
  });

  it('filters on run_id IN (...)', async () => {
    const ids = Object.entries(names)
      .filter(([, n]) => n === 'alpha' || n === 'delta')
      .map(([id]) => id);
    assert.deepEqual(await search({ filter: `run_id IN ('${ids[0]}', '${ids[1]}')` }), ['delta', 'alpha']);
  });

  it('orders by metrics with missing values last, and by params', async () => {
    assert.deepEqual(await search({ order_by: ['metrics.x DESC'] }), ['alpha', 'charlie', 'bravo', 'delta']);
    assert.deepEqual(await search({ order_by: ['metrics.x ASC'] }), ['bravo', 'charlie', 'alpha', 'delta']);
    assert.deepEqual(await search({ order_by: ['params.y ASC', 'attributes.start_time ASC'] }), [
      'delta',
      'alpha',
      'bravo',
      'charlie',
    ]);
  });

  it('pages with max_results and page_token without gaps or repeats', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const res = await daemon.mlflow('POST', 'runs/search', {
        experiment_ids: [experimentId],
        max_results: 3,
        order_by: ['attributes.start_time ASC'],
        ...(pageToken !== undefined ? { page_token: pageToken } : {}),
      });
      seen.push(...(res.json.runs as { info: { run_id: string } }[]).map((r) => names[r.info.run_id] ?? '?'));
      pageToken = res.json.next_page_token as string | undefined;
      pages += 1;
    } while (pageToken !== undefined);
    assert.equal(pages, 2);
    assert.deepEqual(seen, ['alpha', 'bravo', 'charlie', 'delta']);
  });

  it('honours run_view_type for deleted runs', async () => {
    const bravo = Object.entries(names).find(([, n]) => n === 'bravo')?.[0] ?? '';
    await daemon.mlflow('POST', 'runs/delete', { run_id: bravo });
    assert.deepEqual(await search({}), ['delta', 'charlie', 'alpha']);
    assert.deepEqual(await search({ run_view_type: 'DELETED_ONLY' }), ['bravo']);
    assert.deepEqual(await search({ run_view_type: 'ALL' }), ['delta', 'charlie', 'bravo', 'alpha']);
    await daemon.mlflow('POST', 'runs/restore', { run_id: bravo });
  });

  it('answers 400 INVALID_PARAMETER_VALUE to a filter it cannot parse', async () => {
    for (const filter of [
      "metrics.x > 'high'",
      "params.y > 'a'",
      'metrics.x > 1 OR metrics.x < 0',
      "foo.x = '1'",
      "attributes.nope = 'a'",
      "tags.z = 'open",
    ]) {
      const res = await daemon.mlflow('POST', 'runs/search', { experiment_ids: [experimentId], filter });
      assert.equal(res.status, 400, filter);
      assert.equal(res.json.error_code, 'INVALID_PARAMETER_VALUE', filter);
    }
  });
});
