/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- wire tests read raw JSON replies and check them by value */
/**
 * Attribution and the retraining recommendation over real HTTP and a real SQLite file. A
 * simulated upstream change (a column whose numbers arrive as text, and a newer digest of the
 * training dataset in lineage) and a pure concept shift (same inputs, worse outcomes) each get
 * their own verdict; then each of the four answers: investigate upstream, retrain (with the
 * GPU cost of the training run in its reasoning), wait for labels (too few labels, or a marginal
 * loss over budget), and no action (the drift does not hurt outcomes, or it matches last year's
 * same period).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DriftAttribution, RetrainingRecommendation } from '../../daemon/api/retraining-contract.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';
import {
  API,
  driftReport,
  HOUR,
  logNewerDataset,
  pushLabels,
  pushSamples,
  ROWS,
  rows,
  trainAndRegister,
} from './retraining-scenario.ts';

let daemon: TestDaemon;
before(async () => {
  daemon = await startTestDaemon();
});
after(async () => daemon.close());

const TRAINING_DIGEST = '9f86d081884c7d65';
const NEWER_DIGEST = '2c26b46b68ffc68f';

async function attribution(name: string): Promise<DriftAttribution> {
  const response = await daemon.call('POST', `${API}/attribution`, {
    body: { model_name: name, model_version: '1' },
  });
  assert.equal(response.status, 200, response.text);
  return response.json.attribution;
}

async function recommendation(
  name: string,
  extra: Record<string, unknown> = {},
): Promise<RetrainingRecommendation> {
  const response = await daemon.call('POST', `${API}/retraining/recommendation`, {
    body: { model_name: name, model_version: '1', ...extra },
  });
  assert.equal(response.status, 200, response.text);
  return response.json.recommendation;
}

test('an upstream change (a column type flip and a newer dataset digest) is attributed upstream', async () => {
  const name = 'orders-upstream';
  const training = await trainAndRegister(daemon, name, {
    digest: TRAINING_DIGEST,
    brier: 0.1,
    gpus: 2,
    gpuType: 'H100',
    hours: 2,
    seed: 1,
  });
  const etlRun = await logNewerDataset(daemon, name, training.experimentId, NEWER_DIGEST);
  const start = Date.now() - 2 * HOUR;
  const flipped = rows(2).map((row) => ({ ...row, amount: String(row.amount) }));
  await pushSamples(daemon, name, flipped, start, 0.8);
  const report = await driftReport(daemon, name, start);

  const found = await attribution(name);
  assert.equal(found.verdict, 'upstream_data_change');
  assert.equal(found.drift_report_id, report.report_id);
  assert.equal(found.training_run_id, training.runId);
  assert.deepEqual(found.training_datasets, [{ name: `${name}-orders`, digest: TRAINING_DIGEST }]);
  assert.deepEqual(
    found.upstream_datasets.map((u) => [u.name, u.training_digest, u.newer_digest, u.run_id]),
    [[`${name}-orders`, TRAINING_DIGEST, NEWER_DIGEST, etlRun]],
  );
  const kinds = found.evidence.map((e) => `${e.kind} ${e.subject ?? ''}`);
  assert.ok(kinds.includes('column_type_changed amount'), kinds.join('\n'));
  assert.ok(kinds.includes(`upstream_dataset_changed ${name}-orders`), kinds.join('\n'));
  assert.ok(!kinds.some((k) => k.startsWith('outcome_degraded')), 'no labels, no outcome evidence');
  assert.match(found.summary, /^Upstream data change likely: .*column 'amount' changed type/);
  assert.match(
    found.summary,
    new RegExp(`digest ${TRAINING_DIGEST.slice(0, 12)}.*digest ${NEWER_DIGEST.slice(0, 12)}`),
  );

  const advice = await recommendation(name);
  assert.equal(advice.action, 'investigate_upstream');
  assert.match(advice.reasoning, /investigate upstream first/);
  assert.match(advice.reasoning, /Its training run took 4 GPU-hours \(2 × H100 for 2 h\), about 14\.00 USD/);
});

test('a pure concept shift (same inputs, worse outcomes) is model degradation, and the answer is to retrain', async () => {
  const name = 'orders-concept';
  await trainAndRegister(daemon, name, {
    digest: TRAINING_DIGEST,
    brier: 0.1,
    gpus: 2,
    gpuType: 'H100',
    hours: 2,
    seed: 1,
  });
  const start = Date.now() - 2 * HOUR;
  await pushSamples(daemon, name, rows(3), start, 0.8);
  // Half the predicted 0.8s were wrong: Brier (300 × 0.04 + 300 × 0.64) / 600 = 0.34.
  await pushLabels(daemon, name, start, ROWS, ROWS / 2);
  await driftReport(daemon, name, start);

  const found = await attribution(name);
  assert.equal(found.verdict, 'concept_drift');
  assert.equal(found.dataset_drift, false);
  assert.deepEqual(found.upstream_datasets, []);
  assert.equal(found.quality_failed_checks, 0);
  assert.equal(found.outcome?.labelled, ROWS);
  assert.ok(Math.abs((found.outcome?.brier ?? 0) - 0.34) < 1e-9, String(found.outcome?.brier));
  assert.ok(Math.abs((found.outcome?.brier_degradation ?? 0) - 2.4) < 1e-9);
  assert.deepEqual(
    found.evidence.filter((e) => e.kind !== 'features_drifted').map((e) => e.kind),
    ['outcome_degraded'],
  );

  const advice = await recommendation(name);
  assert.equal(advice.action, 'retrain');
  assert.equal(advice.training_cost?.last_run_gpu_hours, 4);
  assert.equal(advice.training_cost?.last_run_cost, 14);
  assert.match(advice.reasoning, /Brier score 0\.340 against 0\.100 at baseline \(\+240\.0%\)/);
  assert.match(advice.reasoning, /over 600 labelled of 600 predictions/);
  assert.match(advice.reasoning, /4 GPU-hours .* about 14\.00 USD/);
  assert.match(advice.reasoning, /concept drift\): retrain\.$/);
});

test('drift with too few labels waits for labels', async () => {
  const name = 'orders-waiting';
  await trainAndRegister(daemon, name, { digest: TRAINING_DIGEST, brier: 0.1, hours: 1, seed: 1 });
  const start = Date.now() - 2 * HOUR;
  await pushSamples(daemon, name, rows(4, { shift: 60 }), start, 0.8);
  await pushLabels(daemon, name, start, 50, 40);
  await driftReport(daemon, name, start);
  const advice = await recommendation(name);
  assert.equal(advice.attribution.verdict, 'input_drift');
  assert.equal(advice.action, 'wait_for_labels');
  assert.equal(advice.seasonal, undefined, 'no production data a year or a week before');
  assert.match(advice.reasoning, /Only 50 predictions are labelled, fewer than the 200 needed/);
  assert.match(advice.reasoning, /logged no GPU use/);
});

test("a shift that matches last year's same period is seasonal: no action", async () => {
  const name = 'orders-holiday';
  await trainAndRegister(daemon, name, { digest: TRAINING_DIGEST, brier: 0.1, hours: 1, seed: 1 });
  const start = Date.now() - 2 * HOUR;
  const lastYear = new Date(start);
  lastYear.setUTCFullYear(lastYear.getUTCFullYear() - 1);
  await pushSamples(daemon, name, rows(5, { shift: 60, all: true }), lastYear.getTime());
  await pushSamples(daemon, name, rows(6, { shift: 60, all: true }), start);
  await driftReport(daemon, name, start);
  const advice = await recommendation(name);
  assert.equal(advice.attribution.verdict, 'upstream_data_change', 'many features drifted at once');
  assert.equal(advice.action, 'no_action');
  assert.equal(advice.seasonal?.reference, 'last_year');
  assert.equal(advice.seasonal?.explains_shift, true);
  assert.equal(advice.seasonal?.drifted_features, 0);
  assert.match(advice.reasoning, /The shift matches last year's same period/);
  assert.match(advice.reasoning, /retraining is not recommended/);
  const reports = await daemon.call('GET', `${API}/drift/reports`, {
    query: { model_name: name, model_version: '1' },
  });
  assert.deepEqual(
    reports.json.reports.map((r: { reference: { kind: string } }) => r.reference.kind),
    ['last_year', 'recorded'],
    'the seasonal comparison is stored as a report',
  );
});

test('drift that does not hurt outcomes needs no action', async () => {
  const name = 'orders-steady';
  await trainAndRegister(daemon, name, { digest: TRAINING_DIGEST, brier: 0.1, hours: 1, seed: 1 });
  const start = Date.now() - 2 * HOUR;
  await pushSamples(daemon, name, rows(7, { shift: 60 }), start, 0.8);
  // 570 of 600 right: Brier (570 × 0.04 + 30 × 0.64) / 600 = 0.07, better than training's 0.1.
  await pushLabels(daemon, name, start, ROWS, 570);
  await driftReport(daemon, name, start);
  const advice = await recommendation(name);
  assert.equal(advice.attribution.verdict, 'input_drift');
  assert.equal(advice.action, 'no_action');
  assert.match(advice.reasoning, /The drift does not hurt outcomes: on 600 labelled predictions/);
});

test('a marginal loss over budget waits for labels; within budget it retrains', async () => {
  const name = 'orders-marginal';
  await trainAndRegister(daemon, name, {
    digest: TRAINING_DIGEST,
    brier: 0.1,
    gpus: 2,
    gpuType: 'H100',
    hours: 2,
    seed: 1,
  });
  const start = Date.now() - 2 * HOUR;
  await pushSamples(daemon, name, rows(8), start, 0.8);
  // Brier (520 × 0.04 + 80 × 0.64) / 600 = 0.12: 20% worse, past 15% but under twice it.
  await pushLabels(daemon, name, start, ROWS, 520);
  await driftReport(daemon, name, start);
  const overBudget = await recommendation(name, { budget: 10 });
  assert.equal(overBudget.action, 'wait_for_labels');
  assert.match(
    overBudget.reasoning,
    /The loss \(20\.0%\) is marginal.*costs 14\.00 USD, over the budget of 10\.00 USD/,
  );
  const withinBudget = await recommendation(name, { budget: 20 });
  assert.equal(withinBudget.action, 'retrain');
});

test('bad requests get clear errors', async () => {
  const nothing = await daemon.call('POST', `${API}/retraining/recommendation`, {
    body: { model_name: 'never-seen', model_version: '1' },
  });
  assert.equal(nothing.status, 400);
  assert.match(
    nothing.json.message,
    /Nothing to attribute for never-seen@1: no drift report and no logged predictions/,
  );
  const badLabels = await daemon.call('POST', `${API}/retraining/recommendation`, {
    body: { model_name: 'orders-steady', model_version: '1', min_labels: 0 },
  });
  assert.equal(badLabels.status, 400);
  assert.match(badLabels.json.message, /'min_labels' must be a positive integer/);
  const noName = await daemon.call('POST', `${API}/attribution`, { body: { model_version: '1' } });
  assert.equal(noName.status, 400);
  assert.match(noName.json.message, /model_name/);
});
