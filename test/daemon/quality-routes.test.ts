/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- wire tests read raw JSON replies and check them by value */
/**
 * The data-quality API over real HTTP and a real SQLite file: a baseline records the training
 * schema, a window of pushed samples is checked against it and a Great Expectations suite file,
 * with exact counts, and the failures raise the quality/data-check alert; a baseline stored
 * before migration 11 (no schema) still serves drift reports.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { QualityReport } from '../../daemon/api/contract.ts';
import {
  FAULTS,
  PRODUCTION_ROWS,
  productionRows,
  rowsWhere,
  trainingColumns,
} from '../quality/churn-frames.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

const API = '/api/mlops-lens/v1';
const SUITE = fileURLToPath(new URL('../quality/fixtures/churn_serving.ge-0.18.json', import.meta.url));

let daemon: TestDaemon;
before(async () => {
  daemon = await startTestDaemon();
});
after(async () => daemon.close());

async function pushSamples(version: string, start: number): Promise<void> {
  const lines = productionRows().map((features, i) =>
    JSON.stringify({
      model_name: 'churn',
      model_version: version,
      timestamp: start + i * 1000,
      features,
      prediction: 0.5,
    }),
  );
  const response = await daemon.call('POST', `${API}/drift/samples`, {
    rawBody: lines.join('\n'),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  assert.equal(response.status, 200, response.text);
  assert.equal(response.json.accepted, PRODUCTION_ROWS);
}

test('a window is checked against the training schema and a suite file; failures raise one alert', async () => {
  const baseline = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', model_version: '1', columns: trainingColumns() },
  });
  assert.equal(baseline.status, 200, baseline.text);
  await pushSamples('1', Date.now() - 3_600_000);
  const response = await daemon.call('POST', `${API}/quality/reports`, {
    body: { model_name: 'churn', model_version: '1', last: PRODUCTION_ROWS, expectation_suite_file: SUITE },
  });
  assert.equal(response.status, 200, response.text);
  const report = response.json.report as QualityReport;
  assert.equal(report.baseline_id, baseline.json.baseline.baseline_id);
  assert.equal(report.window.count, PRODUCTION_ROWS);
  const count = (check: string, column: string) =>
    report.checks.find((c) => c.check === check && c.column === column)?.offending_rows;
  assert.equal(count('missing_column', 'region'), PRODUCTION_ROWS);
  assert.equal(count('extra_column', 'debug_flag'), rowsWhere(FAULTS.debugFlag));
  assert.equal(count('null_spike', 'tenure'), rowsWhere(FAULTS.tenureNull));
  assert.equal(count('out_of_range', 'tenure'), rowsWhere(FAULTS.tenureOutOfRange));
  assert.equal(count('unseen_category', 'plan'), rowsWhere(FAULTS.planUnseen));
  assert.equal(count('type_change', 'monthly_charges'), rowsWhere(FAULTS.chargesAsText));
  assert.equal(report.failed_checks, report.checks.filter((c) => c.verdict === 'fail').length);
  assert.deepEqual(
    report.checks.filter((c) => c.verdict === 'fail').map((c) => `${c.check} ${c.column}`),
    [
      'missing_column region',
      'out_of_range tenure',
      'unseen_category plan',
      'text_length plan',
      'type_change monthly_charges',
      'unseen_category comment',
      'text_length comment',
      'extra_column debug_flag',
    ],
  );
  assert.deepEqual(
    [report.expectations?.evaluated, report.expectations?.failed, report.expectations?.not_evaluated],
    [9, 7, 1],
  );
  assert.equal(report.alert_ids.length, 1);
  const alerts = await daemon.call('GET', `${API}/alerts`, {
    query: { status: 'open', model_name: 'churn' },
  });
  const alert = alerts.json.alerts.find((a: { rule: string }) => a.rule === 'quality/data-check');
  assert.equal(alert.alert_id, report.alert_ids[0]);
  assert.equal(alert.value, 8 + 7, 'failed checks and failed expectations');
});

test('a baseline stored without a schema still serves drift reports, and quality says what it lacks', async () => {
  const baseline = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'legacy', model_version: '1', columns: { tenure: [1, 2, 3, 4] } },
  });
  assert.equal(baseline.status, 200, baseline.text);
  // As migration 11 left the baselines recorded before it.
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(`${daemon.dataDir}/tracking.db`);
  db.prepare('UPDATE drift_baselines SET data_schema = NULL WHERE model_name = ?').run('legacy');
  db.close();
  const lines = [1, 2, 3, 50].map((tenure, i) =>
    JSON.stringify({
      model_name: 'legacy',
      model_version: '1',
      timestamp: Date.now() - 1000 + i,
      features: { tenure },
    }),
  );
  await daemon.call('POST', `${API}/drift/samples`, {
    rawBody: lines.join('\n'),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  const drift = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'legacy', model_version: '1', last: 4 },
  });
  assert.equal(drift.status, 200, drift.text);
  const quality = await daemon.call('POST', `${API}/quality/reports`, {
    body: { model_name: 'legacy', model_version: '1', last: 4 },
  });
  assert.equal(quality.status, 400);
  assert.match(
    quality.text,
    /no baseline with a data schema, no registry signature and no expectation suite/,
  );
});

test('a suite file that cannot be read is named in the error', async () => {
  const response = await daemon.call('POST', `${API}/quality/reports`, {
    body: { model_name: 'churn', model_version: '1', expectation_suite_file: '/nonexistent/suite.json' },
  });
  assert.equal(response.status, 400);
  assert.match(response.text, /Cannot read the expectation suite \/nonexistent\/suite.json/);
});
