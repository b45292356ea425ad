/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- wire tests read raw JSON replies and check them by value */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

describe('MLflow experiments API', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon();
  });
  after(async () => daemon.close());

  it('creates, gets by id and by name, with serving artifact location and tags', async () => {
    const created = await daemon.mlflow('POST', 'experiments/create', {
      name: 'fraud-detector',
      tags: [{ key: 'team', value: 'risk' }],
    });
    assert.equal(created.status, 200);
    const id: string = created.json.experiment_id;
    assert.match(id, /^\d+$/);
    const got = await daemon.mlflow('GET', 'experiments/get', { experiment_id: id });
    assert.equal(got.status, 200);
    assert.deepEqual(
      { ...got.json.experiment, creation_time: 0, last_update_time: 0 },
      {
        experiment_id: id,
        name: 'fraud-detector',
        artifact_location: `mlflow-artifacts:/${id}`,
        lifecycle_stage: 'active',
        creation_time: 0,
        last_update_time: 0,
        tags: [{ key: 'team', value: 'risk' }],
      },
    );
    const byName = await daemon.mlflow('GET', 'experiments/get-by-name', {
      experiment_name: 'fraud-detector',
    });
    assert.equal(byName.json.experiment.experiment_id, id);
  });

  it('answers MLflow error shapes: duplicate 400, missing 404', async () => {
    await daemon.mlflow('POST', 'experiments/create', { name: 'dup' });
    const dup = await daemon.mlflow('POST', 'experiments/create', { name: 'dup' });
    assert.equal(dup.status, 400);
    assert.equal(dup.json.error_code, 'RESOURCE_ALREADY_EXISTS');
    const missing = await daemon.mlflow('GET', 'experiments/get-by-name', { experiment_name: 'nope' });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error_code, 'RESOURCE_DOES_NOT_EXIST');
    const missingId = await daemon.mlflow('GET', 'experiments/get', { experiment_id: '999' });
    assert.equal(missingId.status, 404);
    assert.deepEqual(Object.keys(missingId.json).sort(), ['error_code', 'message']);
  });

  it('renames, tags, deletes and restores; search honours view_type, filter, order and pages', async () => {
    const ids: string[] = [];
    for (const name of ['search-a', 'search-b', 'search-c']) {
      ids.push((await daemon.mlflow('POST', 'experiments/create', { name })).json.experiment_id as string);
    }
    const [a, b, c] = ids as [string, string, string];
    assert.equal(
      (await daemon.mlflow('POST', 'experiments/update', { experiment_id: a, new_name: 'search-a2' })).status,
      200,
    );
    await daemon.mlflow('POST', 'experiments/set-experiment-tag', {
      experiment_id: b,
      key: 'stage',
      value: 'prod',
    });
    assert.equal((await daemon.mlflow('POST', 'experiments/delete', { experiment_id: c })).status, 200);

    const active = await daemon.mlflow('POST', 'experiments/search', { filter: "name LIKE 'search-%'" });
    assert.deepEqual(active.json.experiments.map((e: { name: string }) => e.name).sort(), [
      'search-a2',
      'search-b',
    ]);
    const deleted = await daemon.mlflow('POST', 'experiments/search', { view_type: 'DELETED_ONLY' });
    assert.deepEqual(
      deleted.json.experiments.map((e: { experiment_id: string }) => e.experiment_id),
      [c],
    );
    const tagged = await daemon.mlflow('GET', 'experiments/search', { filter: "tags.stage = 'prod'" });
    assert.deepEqual(
      tagged.json.experiments.map((e: { experiment_id: string }) => e.experiment_id),
      [b],
    );

    const page1 = await daemon.mlflow('POST', 'experiments/search', {
      max_results: 1,
      order_by: ['name ASC'],
      filter: "name LIKE 'search-%'",
    });
    assert.equal(page1.json.experiments[0].name, 'search-a2');
    assert.equal(typeof page1.json.next_page_token, 'string');
    const page2 = await daemon.mlflow('POST', 'experiments/search', {
      max_results: 1,
      order_by: ['name ASC'],
      filter: "name LIKE 'search-%'",
      page_token: page1.json.next_page_token,
    });
    assert.equal(page2.json.experiments[0].name, 'search-b');
    assert.equal(page2.json.next_page_token, undefined);

    assert.equal((await daemon.mlflow('POST', 'experiments/restore', { experiment_id: c })).status, 200);
    const restored = await daemon.mlflow('GET', 'experiments/get', { experiment_id: c });
    assert.equal(restored.json.experiment.lifecycle_stage, 'active');
  });

  it('refuses to delete the default experiment and rejects a bad page token or max_results', async () => {
    const res = await daemon.mlflow('POST', 'experiments/delete', { experiment_id: '0' });
    assert.equal(res.status, 400);
    const token = await daemon.mlflow('POST', 'experiments/search', { page_token: '!!!' });
    assert.equal(token.json.error_code, 'INVALID_PARAMETER_VALUE');
    const tooMany = await daemon.mlflow('POST', 'experiments/search', { max_results: 50001 });
    assert.equal(tooMany.json.error_code, 'INVALID_PARAMETER_VALUE');
  });

  it('answers unknown routes with ENDPOINT_NOT_FOUND', async () => {
    for (const [method, url] of [
      ['POST', '/api/2.0/mlflow/logged-models/create'],
      ['GET', '/api/3.0/mlflow/traces'],
      ['GET', '/api/2.0/mlflow/experiments/create'],
    ] as const) {
      const res = await daemon.call(method, url, method === 'POST' ? { body: {} } : {});
      assert.equal(res.status, 404, url);
      assert.equal(res.json.error_code, 'ENDPOINT_NOT_FOUND');
    }
  });
});
