/* eslint-disable @typescript-eslint/no-unsafe-member-access -- wire tests read raw JSON replies */
/**
 * The drift dashboard's model health against a real daemon over HTTP, on the production day
 * `npm start` seeds (monthly_charges arrives as text): the quality failure with its evidence and
 * the "investigate upstream" recommendation; asked once per drift report, so the quality alert
 * it changes does not make the dashboard ask again, and asked again on refresh or a newer report.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { DriftReportsResponse } from '../../daemon/api/contract.ts';
import { ModelHealthLoader } from '../../extension/webviews/model-health-loader.ts';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../daemon/daemon-harness.ts';
import { DEMO_MODEL, seedProductionDay } from '../demo/production-day-demo.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/churn', import.meta.url));

let daemon: TestDaemon;
before(async () => {
  daemon = await startTestDaemon();
});
after(async () => daemon.close());

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${daemon.port}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const payload = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(payload.message ?? `HTTP ${response.status}`);
  return payload;
}

async function reports(version: string): Promise<DriftReportsResponse['reports']> {
  const response = await daemon.call('GET', '/api/mlops-lens/v1/drift/reports', {
    query: { model_name: DEMO_MODEL, model_version: version },
  });
  assert.equal(response.status, 200, response.text);
  return response.json.reports as DriftReportsResponse['reports'];
}

test('the production day: a type flip with its evidence, investigate upstream, asked once per report', async () => {
  const paths: string[] = [];
  const loader = new ModelHealthLoader(<T>(path: string, body: unknown) => {
    paths.push(path);
    return post<T>(path, body);
  });
  const subject = { model: DEMO_MODEL, version: '1' };
  const nothing = await loader.load(subject, []);
  assert.equal(nothing.quality.state, 'none');
  assert.match(nothing.quality.state === 'none' ? nothing.quality.reason : '', /churn@1/);
  assert.equal(nothing.recommendation.state, 'none');

  const experiment = await daemon.mlflow('POST', 'experiments/create', { name: DEMO_MODEL });
  const created = await daemon.mlflow('POST', 'runs/create', {
    experiment_id: experiment.json.experiment_id,
    start_time: Date.now() - 60_000,
  });
  await daemon.mlflow('POST', 'runs/update', {
    run_id: created.json.run.info.run_id,
    status: 'FINISHED',
    end_time: Date.now(),
  });
  const day = await seedProductionDay(`http://127.0.0.1:${daemon.port}`, TEST_TOKEN, EXAMPLE);
  assert.equal(day.version, '1');

  paths.length = 0;
  const health = await loader.load(subject, await reports(day.version));
  assert.deepEqual(paths.sort(), [
    '/api/mlops-lens/v1/quality/reports',
    '/api/mlops-lens/v1/retraining/recommendation',
  ]);
  assert.equal(health.quality.state, 'report');
  const failures = health.quality.state === 'report' ? health.quality.failures : [];
  const typeChange = failures.find((f) => f.column === 'monthly_charges' && f.check === 'type change');
  assert.ok(typeChange, JSON.stringify(failures));
  assert.equal(typeChange.rowsAffected, 500);
  assert.equal(typeChange.rows, 500);
  assert.equal(typeChange.observed, '100% of rows');
  assert.equal(typeChange.samples.length, 5);
  for (const sample of typeChange.samples) assert.match(sample, /^\d+(\.\d+)? EUR$/);
  assert.equal(health.recommendation.state, 'recommendation');
  if (health.recommendation.state !== 'recommendation') return;
  assert.equal(health.recommendation.action, 'investigate_upstream');
  assert.match(health.recommendation.reasoning, /column 'monthly_charges' changed type/);
  assert.ok(
    health.recommendation.evidence.some(
      (e) => e.kind === 'column type changed' && e.subject === 'monthly_charges',
    ),
  );

  // The reload the quality alert causes: the same report, nothing asked.
  paths.length = 0;
  assert.equal(await loader.load(subject, await reports(day.version)), health);
  assert.deepEqual(paths, []);

  loader.invalidate();
  const refreshed = await loader.load(subject, await reports(day.version));
  assert.equal(paths.length, 2);
  assert.notEqual(refreshed, health);
  assert.equal(
    refreshed.recommendation.state === 'recommendation' && refreshed.recommendation.action,
    'investigate_upstream',
  );

  // A newer report against the baseline: asked again.
  const made = await daemon.call('POST', '/api/mlops-lens/v1/drift/reports', {
    body: { model_name: DEMO_MODEL, model_version: day.version, last: 100 },
  });
  assert.equal(made.status, 200, made.text);
  paths.length = 0;
  await loader.load(subject, await reports(day.version));
  assert.equal(paths.length, 2);
});
