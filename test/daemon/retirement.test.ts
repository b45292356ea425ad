/**
 * The retirement policy over a real SQLite store: forty days after registration, a version that
 * never served and one whose last serving sample is forty days old are listed (and the one an
 * alias points at is kept); applying archives them with the `mlops_lens.retired` tag, and an
 * archived version can still be promoted back. Over HTTP, fresh versions are never listed and
 * a bad `days` is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ModelVersion } from '../../daemon/api/contract.ts';
import type { RetirementResponse } from '../../daemon/api/scorecard-contract.ts';
import { RetirementService } from '../../daemon/scorecard/retirement-service.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';
import { API, DAY } from './retraining-scenario.ts';
import { seedScorecardVersions } from './scorecard-scenario.ts';

describe('retirement policy', () => {
  let daemon: TestDaemon;
  const later = new Date(Date.now() + 40 * DAY);
  const version = async (v: string): Promise<ModelVersion> => {
    const res = await daemon.mlflow('GET', 'model-versions/get', { name: 'churn', version: v });
    assert.equal(res.status, 200, res.text);
    return (res.json as { model_version: ModelVersion }).model_version;
  };

  before(async () => {
    daemon = await startTestDaemon();
    await seedScorecardVersions(daemon);
  });
  after(async () => daemon.close());

  it('never lists versions registered within the window, and refuses a bad days', async () => {
    const res = await daemon.call('POST', `${API}/retirement`, { body: { days: 30 } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { applied: false, days: 30, candidates: [] });
    const bad = await daemon.call('POST', `${API}/retirement`, { body: { days: 0 } });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.text, /'days' must be an integer from 1 to 36500, not 0/);
    const unknown = await daemon.call('POST', `${API}/retirement`, { body: { days: 3, model_name: 'nope' } });
    assert.equal(unknown.status, 404, unknown.text);
  });

  it('lists idle versions forty days later, keeping the one an alias points at', () => {
    const preview = new RetirementService(daemon.store, () => later.getTime()).retire({ days: 30 });
    assert.equal(preview.applied, false);
    assert.deepEqual(
      preview.candidates.map((c) => [c.model_version, c.stage]),
      [['1', 'None']],
    );
    assert.match(
      preview.candidates[0]?.reason ?? '',
      /^never served \(no deployment, no serving sample\) in the 40 days/,
    );
    assert.equal(preview.candidates[0]?.rollback_command, 'mlops-lens models promote churn 1 --alias ALIAS');
  });

  it('archives them when applied, and an archived version can be promoted back', async () => {
    const moved = await daemon.mlflow('DELETE', 'registered-models/alias', {
      name: 'churn',
      alias: 'production',
    });
    assert.equal(moved.status, 200, moved.text);
    const applied: RetirementResponse = new RetirementService(daemon.store, () => later.getTime()).retire({
      days: 30,
      model_name: 'churn',
      apply: true,
    });
    assert.deepEqual(
      applied.candidates.map((c) => c.model_version),
      ['2', '1'],
    );
    assert.match(applied.candidates[0]?.reason ?? '', /^no traffic for 40 days \(last /);
    const archived = await version('2');
    assert.equal(archived.current_stage, 'Archived');
    assert.match(
      archived.tags.find((t) => t.key === 'mlops_lens.retired')?.value ?? '',
      /no traffic for 40 days/,
    );
    const again = new RetirementService(daemon.store, () => later.getTime()).retire({ days: 30 });
    assert.deepEqual(again.candidates, [], 'archived versions are not retired twice');
    const back = await daemon.mlflow('POST', 'registered-models/alias', {
      name: 'churn',
      alias: 'production',
      version: '2',
    });
    assert.equal(back.status, 200, back.text);
    assert.deepEqual((await version('2')).aliases, ['production']);
  });
});
