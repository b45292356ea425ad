/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- wire tests read raw JSON replies and check them by value */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

describe('MLflow model registry API', () => {
  let daemon: TestDaemon;
  let runId: string;
  let source: string;
  before(async () => {
    // MLflow's own tag semantics, without the provenance gate's flag tag.
    daemon = await startTestDaemon({ provenanceGate: 'off' });
    const run = (await daemon.mlflow('POST', 'runs/create', { experiment_id: '0' })).json.run;
    runId = run.info.run_id as string;
    source = `${run.info.artifact_uri as string}/model`;
  });
  after(async () => daemon.close());

  const createVersion = async (name: string) => {
    const res = await daemon.mlflow('POST', 'model-versions/create', {
      name,
      source,
      run_id: runId,
      tags: [{ key: 'k', value: 'v' }],
    });
    assert.equal(res.status, 200, res.text);
    return res.json.model_version as {
      version: string;
      current_stage: string;
      source: string;
      run_id: string;
    };
  };

  it('creates, reads, updates, renames, tags and searches registered models', async () => {
    const created = await daemon.mlflow('POST', 'registered-models/create', {
      name: 'churn',
      description: 'first',
      tags: [{ key: 'team', value: 'growth' }],
    });
    assert.equal(created.status, 200);
    assert.equal(created.json.registered_model.name, 'churn');
    const dup = await daemon.mlflow('POST', 'registered-models/create', { name: 'churn' });
    assert.equal(dup.status, 400);
    assert.equal(dup.json.error_code, 'RESOURCE_ALREADY_EXISTS');
    const missing = await daemon.mlflow('GET', 'registered-models/get', { name: 'nope' });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error_code, 'RESOURCE_DOES_NOT_EXIST');
    const updated = await daemon.mlflow('PATCH', 'registered-models/update', {
      name: 'churn',
      description: 'second',
    });
    assert.equal(updated.json.registered_model.description, 'second');
    await daemon.mlflow('POST', 'registered-models/create', { name: 'tmp-model' });
    const renamed = await daemon.mlflow('POST', 'registered-models/rename', {
      name: 'tmp-model',
      new_name: 'fraud',
    });
    assert.equal(renamed.json.registered_model.name, 'fraud');
    await daemon.mlflow('POST', 'registered-models/set-tag', { name: 'fraud', key: 'tier', value: 'gold' });
    const byTag = await daemon.mlflow('GET', 'registered-models/search', { filter: "tags.tier = 'gold'" });
    assert.deepEqual(
      byTag.json.registered_models.map((m: { name: string }) => m.name),
      ['fraud'],
    );
    const like = await daemon.mlflow('GET', 'registered-models/search', { filter: "name LIKE 'ch%'" });
    assert.deepEqual(
      like.json.registered_models.map((m: { name: string }) => m.name),
      ['churn'],
    );
    const page = await daemon.mlflow('GET', 'registered-models/search', { max_results: 1 });
    assert.equal(page.json.registered_models[0].name, 'churn');
    const page2 = await daemon.mlflow('GET', 'registered-models/search', {
      max_results: 1,
      page_token: page.json.next_page_token,
    });
    assert.equal(page2.json.registered_models[0].name, 'fraud');
    await daemon.mlflow('DELETE', 'registered-models/delete-tag', { name: 'fraud', key: 'tier' });
    assert.deepEqual(
      (await daemon.mlflow('GET', 'registered-models/get', { name: 'fraud' })).json.registered_model.tags,
      [],
    );
    assert.equal((await daemon.mlflow('DELETE', 'registered-models/delete', { name: 'fraud' })).status, 200);
    assert.equal((await daemon.mlflow('GET', 'registered-models/get', { name: 'fraud' })).status, 404);
  });

  it('creates versions from a run, numbered from 1 and never reused', async () => {
    await daemon.mlflow('POST', 'registered-models/create', { name: 'numbers' });
    assert.equal((await createVersion('numbers')).version, '1');
    assert.equal((await createVersion('numbers')).version, '2');
    await daemon.mlflow('DELETE', 'model-versions/delete', { name: 'numbers', version: '2' });
    assert.equal(
      (await daemon.mlflow('GET', 'model-versions/get', { name: 'numbers', version: '2' })).status,
      404,
    );
    assert.equal((await createVersion('numbers')).version, '3');
    const onMissingModel = await daemon.mlflow('POST', 'model-versions/create', { name: 'ghost', source });
    assert.equal(onMissingModel.status, 404);
  });

  it('reads, updates, tags, searches versions and gives their download URI', async () => {
    await daemon.mlflow('POST', 'registered-models/create', { name: 'reader' });
    const v1 = await createVersion('reader');
    assert.equal(v1.current_stage, 'None');
    assert.equal(v1.run_id, runId);
    const got = await daemon.mlflow('GET', 'model-versions/get', { name: 'reader', version: '1' });
    assert.deepEqual(got.json.model_version.tags, [{ key: 'k', value: 'v' }]);
    const updated = await daemon.mlflow('PATCH', 'model-versions/update', {
      name: 'reader',
      version: '1',
      description: 'tuned',
    });
    assert.equal(updated.json.model_version.description, 'tuned');
    await daemon.mlflow('POST', 'model-versions/set-tag', {
      name: 'reader',
      version: '1',
      key: 'validated',
      value: 'yes',
    });
    await daemon.mlflow('DELETE', 'model-versions/delete-tag', { name: 'reader', version: '1', key: 'k' });
    const tags = (await daemon.mlflow('GET', 'model-versions/get', { name: 'reader', version: '1' })).json
      .model_version.tags;
    assert.deepEqual(tags, [{ key: 'validated', value: 'yes' }]);
    const uri = await daemon.mlflow('GET', 'model-versions/get-download-uri', {
      name: 'reader',
      version: '1',
    });
    assert.deepEqual(uri.json, { artifact_uri: source });
    const byRun = await daemon.mlflow('GET', 'model-versions/search', {
      filter: `name = 'reader' AND run_id = '${runId}'`,
    });
    assert.deepEqual(
      byRun.json.model_versions.map((v: { version: string }) => v.version),
      ['1'],
    );
    const bad = await daemon.mlflow('GET', 'model-versions/get', { name: 'reader', version: 'one' });
    assert.equal(bad.status, 400);
  });

  it('sets, reads and deletes aliases; a deleted alias reads as 400 INVALID_PARAMETER_VALUE', async () => {
    await daemon.mlflow('POST', 'registered-models/create', { name: 'aliased' });
    await createVersion('aliased');
    await createVersion('aliased');
    assert.equal(
      (
        await daemon.mlflow('POST', 'registered-models/alias', {
          name: 'aliased',
          alias: 'champion',
          version: '1',
        })
      ).status,
      200,
    );
    const got = await daemon.mlflow('GET', 'registered-models/alias', { name: 'aliased', alias: 'champion' });
    assert.equal(got.json.model_version.version, '1');
    assert.deepEqual(got.json.model_version.aliases, ['champion']);
    const model = (await daemon.mlflow('GET', 'registered-models/get', { name: 'aliased' })).json
      .registered_model;
    assert.deepEqual(model.aliases, [{ alias: 'champion', version: '1' }]);
    await daemon.mlflow('POST', 'registered-models/alias', {
      name: 'aliased',
      alias: 'champion',
      version: '2',
    });
    assert.equal(
      (await daemon.mlflow('GET', 'registered-models/alias', { name: 'aliased', alias: 'champion' })).json
        .model_version.version,
      '2',
    );
    assert.equal(
      (await daemon.mlflow('DELETE', 'registered-models/alias', { name: 'aliased', alias: 'champion' }))
        .status,
      200,
    );
    const gone = await daemon.mlflow('GET', 'registered-models/alias', {
      name: 'aliased',
      alias: 'champion',
    });
    assert.equal(gone.status, 400);
    assert.equal(gone.json.error_code, 'INVALID_PARAMETER_VALUE');
    const reserved = await daemon.mlflow('POST', 'registered-models/alias', {
      name: 'aliased',
      alias: 'latest',
      version: '1',
    });
    assert.equal(reserved.status, 400);
    const noVersion = await daemon.mlflow('POST', 'registered-models/alias', {
      name: 'aliased',
      alias: 'x',
      version: '9',
    });
    assert.equal(noVersion.status, 404);
  });

  it('deleting a version drops the aliases pointing at it', async () => {
    await daemon.mlflow('POST', 'registered-models/create', { name: 'dropper' });
    await createVersion('dropper');
    await daemon.mlflow('POST', 'registered-models/alias', { name: 'dropper', alias: 'prod', version: '1' });
    await daemon.mlflow('DELETE', 'model-versions/delete', { name: 'dropper', version: '1' });
    assert.equal(
      (await daemon.mlflow('GET', 'registered-models/alias', { name: 'dropper', alias: 'prod' })).status,
      400,
    );
  });

  it('accepts stage transitions, archives existing versions and answers get-latest-versions', async () => {
    await daemon.mlflow('POST', 'registered-models/create', { name: 'staged' });
    for (let i = 0; i < 3; i += 1) await createVersion('staged');
    const t1 = await daemon.mlflow('POST', 'model-versions/transition-stage', {
      name: 'staged',
      version: '1',
      stage: 'Production',
      archive_existing_versions: false,
    });
    assert.equal(t1.json.model_version.current_stage, 'Production');
    await daemon.mlflow('POST', 'model-versions/transition-stage', {
      name: 'staged',
      version: '2',
      stage: 'staging',
      archive_existing_versions: false,
    });
    await daemon.mlflow('POST', 'model-versions/transition-stage', {
      name: 'staged',
      version: '3',
      stage: 'Production',
      archive_existing_versions: true,
    });
    const v1 = await daemon.mlflow('GET', 'model-versions/get', { name: 'staged', version: '1' });
    assert.equal(v1.json.model_version.current_stage, 'Archived');
    const latest = await daemon.mlflow('POST', 'registered-models/get-latest-versions', {
      name: 'staged',
      stages: ['Production'],
    });
    assert.deepEqual(
      latest.json.model_versions.map((v: { version: string }) => v.version),
      ['3'],
    );
    const all = await daemon.mlflow('POST', 'registered-models/get-latest-versions', { name: 'staged' });
    assert.deepEqual(
      all.json.model_versions.map(
        (v: { version: string; current_stage: string }) => `${v.version}:${v.current_stage}`,
      ),
      ['1:Archived', '2:Staging', '3:Production'],
    );
    const bad = await daemon.mlflow('POST', 'model-versions/transition-stage', {
      name: 'staged',
      version: '1',
      stage: 'Live',
      archive_existing_versions: false,
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error_code, 'INVALID_PARAMETER_VALUE');
  });

  it('audits alias and stage changes with actor and time, and answers "which version at time T" and rollback', async () => {
    await daemon.mlflow('POST', 'registered-models/create', { name: 'audited' });
    await createVersion('audited');
    await createVersion('audited');
    const as = (actor: string) => ({ 'x-mlops-lens-actor': actor });
    await daemon.call('POST', '/api/2.0/mlflow/registered-models/alias', {
      body: { name: 'audited', alias: 'production', version: '1' },
      headers: as('ana'),
    });
    const between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await daemon.call('POST', '/api/2.0/mlflow/registered-models/alias', {
      body: { name: 'audited', alias: 'production', version: '2' },
      headers: as('bo'),
    });
    await daemon.call('POST', '/api/2.0/mlflow/model-versions/transition-stage', {
      body: { name: 'audited', version: '2', stage: 'Production', archive_existing_versions: false },
      headers: { 'user-agent': 'mlflow-python-client/2.12.2' },
    });
    const trail = daemon.store.registry.auditTrail('audited');
    assert.deepEqual(
      trail.map((e) => [e.actor, e.action, e.alias ?? e.to_stage, e.version, e.previous_version]),
      [
        ['ana', 'set_alias', 'production', '1', undefined],
        ['bo', 'set_alias', 'production', '2', '1'],
        ['mlflow-python-client/2.12.2', 'transition_stage', 'Production', '2', undefined],
      ],
    );
    assert.ok(trail.every((e) => typeof e.time === 'number' && e.time > 0));
    assert.equal(daemon.store.registry.aliasAt('audited', 'production', between), '1');
    assert.equal(daemon.store.registry.aliasAt('audited', 'production', Date.now()), '2');
    assert.equal(daemon.store.registry.aliasAt('audited', 'production', 0), undefined);
    const rolledBack = daemon.store.registry.rollbackAlias('audited', 'production', 'ana');
    assert.equal(rolledBack.version, '1');
    assert.equal(
      (await daemon.mlflow('GET', 'registered-models/alias', { name: 'audited', alias: 'production' })).json
        .model_version.version,
      '1',
    );
  });
});
