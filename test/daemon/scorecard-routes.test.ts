/**
 * GET scorecard over real HTTP with a temp SQLite store: a version trained and registered with
 * everything answers every question (score 100) with its evidence; a bare one answers few, and
 * each missing check carries its fix. The metadata document gains the accountability fields
 * and stays valid. Bad input is refused with a clear message.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ModelVersionMetadataResponse } from '../../daemon/api/contract.ts';
import type { Scorecard, ScorecardCheck } from '../../daemon/api/scorecard-contract.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';
import { API } from './retraining-scenario.ts';
import { seedScorecardVersions, seedServingDeployment } from './scorecard-scenario.ts';

function checkOf(card: Scorecard, question: string, name: string): ScorecardCheck {
  const found = card.answers.find((a) => a.id === question)?.checks.find((c) => c.name === name);
  assert.ok(found, `${question}/${name} missing from ${JSON.stringify(card.answers.map((a) => a.id))}`);
  return found;
}

describe('scorecard route', () => {
  let daemon: TestDaemon;
  const scorecard = async (version: string): Promise<Scorecard> => {
    const res = await daemon.call('GET', `${API}/scorecard`, { query: { name: 'churn', version } });
    assert.equal(res.status, 200, res.text);
    return (res.json as { scorecard: Scorecard }).scorecard;
  };

  before(async () => {
    daemon = await startTestDaemon();
    await seedScorecardVersions(daemon);
    seedServingDeployment(daemon.store);
  });
  after(async () => daemon.close());

  it('answers all six questions of the complete version with evidence', async () => {
    const card = await scorecard('2');
    const unanswered = card.answers.flatMap((a) =>
      a.checks.filter((c) => !c.found).map((c) => `${a.id}/${c.name}`),
    );
    assert.deepEqual(unanswered, []);
    assert.equal(card.score, 100);
    assert.deepEqual(
      card.answers.map((a) => [a.id, a.status]),
      [
        ['provenance', 'answered'],
        ['promotion', 'answered'],
        ['artifact', 'answered'],
        ['validation', 'answered'],
        ['monitoring', 'answered'],
        ['ownership', 'answered'],
      ],
    );
    assert.match(
      checkOf(card, 'provenance', 'code').evidence.join(),
      /git 3f9c2a71d0b4e8a6c5f1e2d3b4a5968778695a4b/,
    );
    assert.match(checkOf(card, 'provenance', 'data').evidence.join(), /iris@a1b2c3d4/);
    assert.match(checkOf(card, 'provenance', 'hardware').evidence.join(), /gpu_model NVIDIA A10G/);
    // Both runs uploaded the same requirements.txt: the evidence names this version's run's copy.
    const [source = ''] = checkOf(card, 'artifact', 'artifact').evidence;
    assert.deepEqual(checkOf(card, 'provenance', 'environment').evidence, [
      `lockfile ${source}/requirements.txt`,
    ]);
    assert.match(checkOf(card, 'promotion', 'slices').evidence.join(), /slice\/segment_new\/auc=0\.81/);
    assert.match(
      checkOf(card, 'artifact', 'rollback path').evidence.join(),
      /alias production was on v1: mlops-lens models rollback churn --alias production/,
    );
    assert.match(checkOf(card, 'monitoring', 'outcomes').evidence.join(), /^300 predictions labelled$/);
    assert.match(checkOf(card, 'monitoring', 'serving samples').evidence.join(), /^600 serving samples/);
    assert.deepEqual(checkOf(card, 'monitoring', 'latency and cost').evidence, [
      'deployment dep-churn-2 in kind-gpu/ml/churn: Prometheus latency, errors and cost',
    ]);
    assert.deepEqual(checkOf(card, 'monitoring', 'safety guardrails').evidence, [
      'deployment dep-churn-2 rolls back on error-rate, p99-latency',
      'mlops_lens.safety.monitor: CRM review of retention offers',
    ]);
    assert.deepEqual(checkOf(card, 'ownership', 'owner').evidence, ['owner: churn-team']);
    assert.equal(checkOf(card, 'ownership', 'owner').fix, undefined);
  });

  it('lists what the bare version misses, each with a fix', async () => {
    const card = await scorecard('1');
    assert.ok(card.score < 50, `score ${card.score}`);
    const missing = Object.fromEntries(
      card.answers.map((a) => [a.id, a.checks.filter((c) => !c.found).map((c) => c.name)]),
    );
    assert.deepEqual(missing, {
      provenance: ['data', 'code'],
      promotion: ['slices', 'tests'],
      artifact: ['rollback path'],
      validation: ['data schema', 'expectation suite'],
      monitoring: [
        'drift',
        'serving samples',
        'latency and cost',
        'outcomes',
        'safety guardrails',
        'fairness slices',
      ],
      ownership: ['owner', 'approval', 'intended use', 'limitations', 'changelog'],
    });
    assert.equal(card.answers.find((a) => a.id === 'monitoring')?.status, 'missing');
    assert.equal(card.answers.find((a) => a.id === 'provenance')?.status, 'partial');
    for (const answer of card.answers)
      for (const c of answer.checks.filter((c) => !c.found)) {
        assert.ok(c.fix !== undefined, `${answer.id}/${c.name} has no fix`);
        assert.ok(
          c.fix.command !== undefined || c.fix.snippet !== undefined,
          `${answer.id}/${c.name}: a fix needs a command or a snippet`,
        );
      }
    assert.deepEqual(checkOf(card, 'ownership', 'owner').fix, {
      action: 'Name the team that owns incidents, retraining and deprecation.',
      command: 'mlops-lens models tag churn@1 mlops_lens.owner=TEAM',
      tag: { key: 'mlops_lens.owner', value: 'TEAM' },
      placeholders: ['TEAM'],
    });
    assert.equal(
      checkOf(card, 'monitoring', 'latency and cost').fix?.command,
      'mlops-lens deploy plan churn@1 --context CONTEXT --namespace NAMESPACE',
    );
    assert.equal(
      checkOf(card, 'monitoring', 'safety guardrails').fix?.command,
      'mlops-lens models tag churn@1 mlops_lens.safety.monitor=MONITOR',
    );
  });

  it('puts the accountability tags into a metadata document that stays valid', async () => {
    const res = await daemon.call('GET', `${API}/model-versions/metadata`, {
      query: { name: 'churn', version: '2' },
    });
    assert.equal(res.status, 200, res.text);
    const doc = res.json as ModelVersionMetadataResponse;
    assert.deepEqual(doc.schema_errors, []);
    assert.equal(doc.valid, true);
    assert.equal(doc.metadata.owner, 'churn-team');
    assert.deepEqual(doc.metadata.approval, { approved_by: 'ana', approved_at: '2026-11-20' });
    assert.equal(doc.metadata.changelog, 'Adds tenure buckets');
  });

  it('refuses an unknown version and a missing parameter', async () => {
    const unknown = await daemon.call('GET', `${API}/scorecard`, { query: { name: 'churn', version: '9' } });
    assert.equal(unknown.status, 404, unknown.text);
    assert.match(unknown.text, /churn/);
    const missing = await daemon.call('GET', `${API}/scorecard`, { query: { name: 'churn' } });
    assert.equal(missing.status, 400, missing.text);
    assert.match(missing.text, /version/);
  });
});
