import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  NATIVE_API_PREFIX,
  type AliasAtTimeResponse,
  type ErrorResponse,
  type RegistryAuditResponse,
  type RollbackAliasResponse,
} from '../../daemon/api/contract.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

describe('native registry history routes', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon();
    const run = await daemon.mlflow('POST', 'runs/create', { experiment_id: '0' });
    const source = `${(run.json as { run: { info: { artifact_uri: string } } }).run.info.artifact_uri}/model`;
    assert.equal((await daemon.mlflow('POST', 'registered-models/create', { name: 'churn' })).status, 200);
    for (let i = 0; i < 3; i += 1) {
      assert.equal(
        (await daemon.mlflow('POST', 'model-versions/create', { name: 'churn', source })).status,
        200,
      );
    }
  });
  after(async () => daemon.close());

  const setAlias = async (version: string) => {
    const res = await daemon.call('POST', '/api/2.0/mlflow/registered-models/alias', {
      body: { name: 'churn', alias: 'production', version },
      headers: { 'x-mlops-lens-actor': 'ana' },
    });
    assert.equal(res.status, 200, res.text);
  };
  const rollback = (name: string, alias: string) =>
    daemon.call('POST', `${NATIVE_API_PREFIX}/registry/aliases/rollback`, {
      body: { name, alias },
      headers: { 'x-mlops-lens-actor': 'bo' },
    });

  it('moves an alias back to its previous version and records who did it', async () => {
    await setAlias('1');
    await setAlias('3');
    const res = await rollback('churn', 'production');
    assert.equal(res.status, 200, res.text);
    const body = res.json as RollbackAliasResponse;
    assert.equal(body.model_version.version, '1');
    assert.deepEqual(body.model_version.aliases, ['production']);
    assert.equal(body.rolled_back_from, '3');
    const current = await daemon.mlflow('GET', 'registered-models/alias', {
      name: 'churn',
      alias: 'production',
    });
    assert.equal((current.json as { model_version: { version: string } }).model_version.version, '1');

    const audit = await daemon.call('GET', `${NATIVE_API_PREFIX}/registry/audit`, {
      query: { name: 'churn' },
    });
    assert.equal(audit.status, 200, audit.text);
    const moves = (audit.json as RegistryAuditResponse).entries
      .filter((e) => e.action === 'set_alias')
      .map((e) => [e.actor, e.previous_version ?? '-', e.version]);
    assert.deepEqual(moves, [
      ['ana', '-', '1'],
      ['ana', '1', '3'],
      ['bo', '3', '1'],
    ]);
  });

  it('refuses a rollback without history, an unknown alias and an unknown model with MLflow errors', async () => {
    await daemon.call('POST', '/api/2.0/mlflow/registered-models/alias', {
      body: { name: 'churn', alias: 'fresh', version: '2' },
    });
    const noHistory = await rollback('churn', 'fresh');
    assert.equal(noHistory.status, 400);
    assert.equal((noHistory.json as ErrorResponse).error_code, 'INVALID_PARAMETER_VALUE');
    assert.match((noHistory.json as ErrorResponse).message, /no previous version/);

    const noAlias = await rollback('churn', 'staging');
    assert.equal(noAlias.status, 400);
    assert.equal((noAlias.json as ErrorResponse).error_code, 'INVALID_PARAMETER_VALUE');

    const noModel = await rollback('nope', 'production');
    assert.equal(noModel.status, 404);
    assert.equal((noModel.json as ErrorResponse).error_code, 'RESOURCE_DOES_NOT_EXIST');

    const noAudit = await daemon.call('GET', `${NATIVE_API_PREFIX}/registry/audit`, {
      query: { name: 'nope' },
    });
    assert.equal(noAudit.status, 404);

    const missingField = await daemon.call('POST', `${NATIVE_API_PREFIX}/registry/aliases/rollback`, {
      body: { name: 'churn' },
    });
    assert.equal(missingField.status, 400);
    assert.match((missingField.json as ErrorResponse).message, /'alias'/);
  });

  it('needs the bearer token like every route', async () => {
    const res = await daemon.call('POST', `${NATIVE_API_PREFIX}/registry/aliases/rollback`, {
      body: { name: 'churn', alias: 'production' },
      headers: { authorization: undefined },
    });
    assert.equal(res.status, 401);
  });

  it('answers which version an alias pointed to at a given time', async () => {
    const at = (time: number) =>
      daemon.call('GET', `${NATIVE_API_PREFIX}/registry/aliases/at`, {
        query: { name: 'churn', alias: 'staging', time: String(time) },
      });
    const beforeAny = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const move = async (version: string): Promise<number> => {
      const res = await daemon.call('POST', '/api/2.0/mlflow/registered-models/alias', {
        body: { name: 'churn', alias: 'staging', version },
      });
      assert.equal(res.status, 200, res.text);
      const time = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
      return time;
    };
    const afterFirst = await move('2');
    const afterSecond = await move('3');
    const none = await at(beforeAny);
    assert.equal(none.status, 200, none.text);
    assert.equal((none.json as AliasAtTimeResponse).version, null);
    assert.equal(((await at(afterFirst)).json as AliasAtTimeResponse).version, '2');
    assert.equal(((await at(afterSecond)).json as AliasAtTimeResponse).version, '3');
    const unknown = await daemon.call('GET', `${NATIVE_API_PREFIX}/registry/aliases/at`, {
      query: { name: 'nope', alias: 'staging', time: String(afterSecond) },
    });
    assert.equal(unknown.status, 404, unknown.text);
  });
});
