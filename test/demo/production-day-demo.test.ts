/* eslint-disable @typescript-eslint/no-unsafe-member-access -- wire tests read raw JSON replies and check them by value */
/**
 * The production day `npm start` simulates, against a real daemon over HTTP: after a churn run
 * logged as the example's train.py logs it, the seeded day registers the version, records the
 * baseline from the example's customers and pushes a day whose `monthly_charges` arrive as text;
 * the recommendation then says to investigate upstream, naming that column.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { RetrainingRecommendation } from '../../daemon/api/retraining-contract.ts';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../daemon/daemon-harness.ts';
import { DEMO_MODEL, seedProductionDay } from './production-day-demo.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/churn', import.meta.url));

let daemon: TestDaemon;
before(async () => {
  daemon = await startTestDaemon();
});
after(async () => daemon.close());

test('the seeded production day is attributed upstream and the answer is to investigate', async () => {
  await assert.rejects(
    seedProductionDay(`http://127.0.0.1:${daemon.port}`, TEST_TOKEN, EXAMPLE),
    /experiments\/get-by-name/,
    'nothing trained yet',
  );
  // As examples/churn/tracking.py logs a training run.
  const experiment = await daemon.mlflow('POST', 'experiments/create', { name: DEMO_MODEL });
  const created = await daemon.mlflow('POST', 'runs/create', {
    experiment_id: experiment.json.experiment_id,
    start_time: Date.now() - 60_000,
  });
  const runId = created.json.run.info.run_id as string;
  await daemon.mlflow('POST', 'runs/log-metric', {
    run_id: runId,
    key: 'test_auc',
    value: 0.83,
    timestamp: Date.now(),
    step: 0,
  });
  await daemon.mlflow('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });

  const day = await seedProductionDay(`http://127.0.0.1:${daemon.port}`, TEST_TOKEN, EXAMPLE);
  assert.equal(day.runId, runId);
  assert.equal(day.version, '1');

  const response = await daemon.call('POST', '/api/mlops-lens/v1/retraining/recommendation', {
    body: { model_name: DEMO_MODEL, model_version: day.version },
  });
  assert.equal(response.status, 200, response.text);
  const recommendation = response.json.recommendation as RetrainingRecommendation;
  assert.equal(recommendation.action, 'investigate_upstream');
  assert.equal(recommendation.attribution.drift_report_id, day.reportId);
  assert.ok(
    recommendation.attribution.evidence.some(
      (e) => e.kind === 'column_type_changed' && e.subject === 'monthly_charges',
    ),
    JSON.stringify(recommendation.attribution.evidence),
  );
  assert.match(
    recommendation.reasoning,
    /column 'monthly_charges' changed type \(training type number; 500 of 500 rows differ\)/,
  );
  assert.match(recommendation.reasoning, /None of its 500 predictions of the last 30 days is labelled yet/);
});
