/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- wire tests read raw JSON replies and check them by value */
/**
 * The drift API over real HTTP and a real SQLite file: baselines from columns and from a CSV
 * file, samples pushed as JSON lines (bad lines refused with their numbers, the rest kept),
 * reports by count and by time, seasonal references, and the alerts a report raises, with
 * deduplication, silencing, resolution, history and change events.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ChangeEventData, DriftReport } from '../../daemon/api/contract.ts';
import { normalSample, seededRandom } from '../drift/scipy-reference.ts';
import { startTestDaemon, tempDir, type TestDaemon } from './daemon-harness.ts';

const API = '/api/mlops-lens/v1';
const HOUR = 3600_000;
const NOW = Date.UTC(2026, 10, 25, 12);

let daemon: TestDaemon;
const events: ChangeEventData[] = [];

before(async () => {
  daemon = await startTestDaemon();
  daemon.feed.subscribe((event) => events.push(event.data));
});
after(async () => daemon.close());

function sampleLines(version: string, start: number, count: number, shift: number, seed: number): string {
  const random = seededRandom(seed);
  const incomes = normalSample(random, count, 50 + shift, 10);
  return incomes
    .map((income, i) =>
      JSON.stringify({
        model_name: 'churn',
        model_version: version,
        timestamp: start + i * 1000,
        features: { income, plan: random() < 0.5 + shift / 100 ? 'pro' : 'basic' },
        prediction: income > 55 ? 1 : 0,
        prediction_id: `p-${seed}-${i}`,
      }),
    )
    .join('\n');
}

async function push(text: string) {
  return daemon.call('POST', `${API}/drift/samples`, {
    rawBody: text,
    headers: { 'content-type': 'application/x-ndjson' },
  });
}

test('a baseline from columns is summarised per feature', async () => {
  const random = seededRandom(1);
  const income = normalSample(random, 800, 50, 10);
  const response = await daemon.call('POST', `${API}/drift/baselines`, {
    body: {
      model_name: 'churn',
      model_version: '1',
      columns: {
        income: [...income, null],
        plan: [...income.map((_, i) => (i % 2 === 0 ? 'pro' : 'basic')), 'basic'],
        churned: [...income.map((v) => (v > 55 ? 1 : 0)), 0],
      },
      prediction_column: 'churned',
    },
  });
  assert.equal(response.status, 200, response.text);
  const { baseline } = response.json;
  assert.equal(baseline.row_count, 801);
  const byName = Object.fromEntries(baseline.features.map((f: { name: string }) => [f.name, f]));
  assert.equal(byName.income.type, 'numerical');
  assert.equal(byName.income.count, 800);
  assert.equal(byName.income.missing, 1);
  assert.equal(byName.income.stored_points, 800);
  assert.equal(byName.plan.type, 'categorical');
  assert.equal(byName.plan.categories, 2);
  assert.equal(byName.churned.is_prediction, true);
  const listed = await daemon.call('GET', `${API}/drift/baselines`, { query: { model_name: 'churn' } });
  assert.equal(listed.json.baselines[0].baseline_id, baseline.baseline_id);
});

test('a bad baseline is refused with the column and row that are wrong', async () => {
  const uneven = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', columns: { a: [1, 2, 3], b: [1, 2] } },
  });
  assert.equal(uneven.status, 400);
  assert.equal(uneven.json.error_code, 'INVALID_PARAMETER_VALUE');
  assert.match(uneven.json.message, /Column 'b' has 2 values; 'a' has 3/);
  const mixed = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', columns: { a: [1, 'x'] }, column_specs: { a: { type: 'numerical' } } },
  });
  assert.match(mixed.json.message, /Column 'a', row 2: expected a finite number, got "x"/);
  const nested = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', columns: { a: [{}] } },
  });
  assert.match(nested.json.message, /Column 'a', row 1: \{\} is not a number/);
  const spec = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', columns: { a: [1] }, column_specs: { a: { stattest: 'anova' } } },
  });
  assert.match(spec.json.message, /column_specs\/a\/stattest' must be equal to one of the allowed values/);
});

test('a baseline from a CSV file', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'reference.csv');
  writeFileSync(file, 'age,city\n31,Paris\n45,Lyon\n,Paris\n28,"Nice, Côte"\n');
  const response = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'csv-model', file },
  });
  assert.equal(response.status, 200, response.text);
  assert.equal(response.json.baseline.source, 'csv');
  const [age, city] = response.json.baseline.features;
  assert.deepEqual([age.name, age.type, age.count, age.missing], ['age', 'numerical', 3, 1]);
  assert.deepEqual([city.name, city.type, city.categories], ['city', 'categorical', 3]);
  const missing = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'm', file: path.join(dir, 'no.csv') },
  });
  assert.equal(missing.status, 400);
  assert.match(missing.json.message, /Cannot read '.*no\.csv'/);
});

test('pushed samples: bad lines are refused by number, valid ones are all kept', async () => {
  const good = sampleLines('1', NOW - 2 * HOUR, 300, 0, 2).split('\n');
  const body = [
    ...good.slice(0, 100),
    '{"model_name": "churn", "model_version": "1", "timestamp": 1764000000, "features": {}}',
    'not json at all',
    ...good.slice(100, 200),
    '{"model_name": "churn", "timestamp": 1764000000000, "features": {}}',
    '{"model_name": "churn", "model_version": "1", "timestamp": 1764000000000, "features": {"x": [1]}}',
    '',
    ...good.slice(200),
  ].join('\n');
  const response = await push(body);
  assert.equal(response.status, 200, response.text);
  assert.equal(response.json.accepted, 300);
  assert.deepEqual(response.json.rejected, [
    { line: 101, message: '/timestamp: 1764000000 looks like seconds; send epoch milliseconds' },
    { line: 102, message: `not JSON: Unexpected token 'o', "not json at all" is not valid JSON` },
    { line: 203, message: "missing 'model_version'" },
    { line: 204, message: '/features/x: must be number,string,boolean,null' },
  ]);
  const anonymous = await daemon.call('POST', `${API}/drift/samples`, {
    rawBody: good[0] ?? '',
    headers: { authorization: undefined },
  });
  assert.equal(anonymous.status, 401, 'the samples route asks for the token like every other');
  const report = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'churn', model_version: '1', last: 1000 },
  });
  assert.equal(report.status, 200, report.text);
  assert.equal(report.json.report.window.count, 300);
});

test('a report on stable data: Evidently defaults, no dataset drift, no alert', async () => {
  const response = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'churn', model_version: 1, from: NOW - 3 * HOUR, to: NOW },
  });
  assert.equal(response.status, 200, response.text);
  const report: DriftReport = response.json.report;
  assert.equal(report.reference.kind, 'recorded');
  assert.equal(report.window.count, 300);
  const byName = Object.fromEntries(report.features.map((f) => [f.feature, f]));
  assert.equal(byName.income?.stattest, 'ks');
  assert.equal(byName.plan?.stattest, 'z');
  assert.equal(byName.churned?.stattest, 'z');
  assert.equal(byName.churned?.is_prediction, true);
  assert.equal(byName.income?.drifted, false, JSON.stringify(byName.income));
  assert.equal(report.dataset_drift, false);
  assert.deepEqual(report.alert_ids, []);
  const stored = await daemon.call('GET', `${API}/drift/reports/get`, {
    query: { report_id: report.report_id },
  });
  assert.deepEqual(stored.json.report, report);
});

test('shifted data drifts, raises one alert per rule and feature, and repeats it instead of duplicating', async () => {
  assert.equal((await push(sampleLines('1', NOW + HOUR, 400, 15, 3))).json.accepted, 400);
  const window = { model_name: 'churn', model_version: '1', from: NOW + HOUR, to: NOW + 2 * HOUR };
  const first = (await daemon.call('POST', `${API}/drift/reports`, { body: window })).json
    .report as DriftReport;
  const income = first.features.find((f) => f.feature === 'income');
  assert.equal(income?.drifted, true);
  assert.ok((income?.psi ?? 0) > 0.25 && income?.psi_band === 'significant');
  assert.ok((income?.ks_p_value ?? 1) < 0.01);
  assert.equal(first.dataset_drift, true);
  const open = (await daemon.call('GET', `${API}/alerts`, { query: { status: 'open', model_name: 'churn' } }))
    .json.alerts;
  const incomeAlerts = open.filter((a: { feature?: string }) => a.feature === 'income');
  assert.deepEqual(incomeAlerts.map((a: { rule: string }) => a.rule).sort(), [
    'drift/feature-psi',
    'drift/ks-p-value',
  ]);
  for (const alert of incomeAlerts) {
    assert.equal(alert.lineage_node, 'model_version:churn@1');
    assert.equal(alert.report_id, first.report_id);
    assert.ok(first.alert_ids.includes(alert.alert_id));
  }
  const second = (await daemon.call('POST', `${API}/drift/reports`, { body: window })).json
    .report as DriftReport;
  const again = (
    await daemon.call('GET', `${API}/alerts`, { query: { status: 'open', model_name: 'churn' } })
  ).json.alerts;
  assert.equal(again.length, open.length, 'the same alerts, not new ones');
  const psiAlert = again.find(
    (a: { rule: string; feature?: string }) => a.rule === 'drift/feature-psi' && a.feature === 'income',
  );
  assert.equal(psiAlert.occurrences, 2);
  assert.equal(psiAlert.report_id, second.report_id);
  const reportEvents = events.filter((e) => e.type === 'drift_report_created');
  assert.ok(reportEvents.length >= 2);
  assert.ok(
    events.some((e) => e.type === 'alert_changed' && e.alert_id === psiAlert.alert_id && e.status === 'open'),
  );
});

test('silencing keeps the alert open and quiet; resolving closes it; the history tells all of it', async () => {
  const [alert] = (await daemon.call('GET', `${API}/alerts`, { query: { status: 'open' } })).json.alerts;
  const until = Date.now() + HOUR;
  const silenced = await daemon.call('POST', `${API}/alerts/silence`, {
    body: { alert_id: alert.alert_id, until },
  });
  assert.equal(silenced.status, 200, silenced.text);
  assert.equal(silenced.json.alert.silenced_until, until);
  assert.equal(silenced.json.alert.status, 'open');
  assert.ok(events.some((e) => e.type === 'alert_changed' && e.alert_id === alert.alert_id && e.silenced));
  const resolved = await daemon.call('POST', `${API}/alerts/resolve`, { body: { alert_id: alert.alert_id } });
  assert.equal(resolved.json.alert.status, 'resolved');
  assert.ok(resolved.json.alert.resolved_time >= resolved.json.alert.opened_time);
  const history = await daemon.call('GET', `${API}/alerts/history`, { query: { alert_id: alert.alert_id } });
  assert.deepEqual(
    history.json.history.map((h: { event: string }) => h.event),
    ['opened', 'repeated', 'silenced', 'resolved'],
  );
  const unknown = await daemon.call('POST', `${API}/alerts/silence`, { body: { alert_id: '99999', until } });
  assert.equal(unknown.status, 404);
  const badStatus = await daemon.call('GET', `${API}/alerts`, { query: { status: 'firing' } });
  assert.match(badStatus.json.message, /'status' must be one of pending, open, resolved/);
});

test('a seasonal reference: the same shift a week earlier is not drift', async () => {
  const thisWeek = NOW + 30 * 24 * HOUR;
  await push(sampleLines('1', thisWeek - 7 * 24 * HOUR, 400, 15, 4));
  await push(sampleLines('1', thisWeek, 400, 15, 5));
  const body = { model_name: 'churn', model_version: '1', from: thisWeek, to: thisWeek + HOUR };
  const recorded = (await daemon.call('POST', `${API}/drift/reports`, { body })).json.report as DriftReport;
  assert.equal(recorded.dataset_drift, true);
  const seasonal = await daemon.call('POST', `${API}/drift/reports`, {
    body: { ...body, reference: 'last_week' },
  });
  assert.equal(seasonal.status, 200, seasonal.text);
  const report = seasonal.json.report as DriftReport;
  assert.equal(report.reference.kind, 'last_week');
  assert.equal(report.reference.count, 400);
  assert.equal(report.reference.from, thisWeek - 7 * 24 * HOUR);
  assert.equal(report.features.find((f) => f.feature === 'income')?.drifted, false);
  assert.equal(report.dataset_drift, false);
  const rolling = await daemon.call('POST', `${API}/drift/reports`, {
    body: { ...body, reference: 'rolling', rolling_ms: 60_000 },
  });
  assert.equal(rolling.status, 400);
  assert.match(rolling.json.message, /No samples of churn@1 between .* to compare with/);
});

test('report requests are checked', async () => {
  const both = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'churn', model_version: '1', last: 5, from: 1 },
  });
  assert.match(both.json.message, /by time \('from', 'to'\) or by count \('last'\), not both/);
  const none = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'churn', model_version: '9', last: 5 },
  });
  assert.match(none.json.message, /No samples of churn@9/);
  await push(sampleLines('9', NOW, 5, 0, 6));
  const noBaseline = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'churn', model_version: '9', last: 5 },
  });
  assert.equal(noBaseline.status, 404);
  assert.match(noBaseline.json.message, /No drift baseline is recorded for churn@9/);
  const baselines = (await daemon.call('GET', `${API}/drift/baselines`, { query: { model_name: 'churn' } }))
    .json.baselines;
  const picked = await daemon.call('POST', `${API}/drift/reports`, {
    body: {
      model_name: 'churn',
      model_version: '9',
      last: 5,
      baseline_id: baselines[0].baseline_id,
      column_specs: { income: { stattest: 'psi', threshold: 0.3 } },
    },
  });
  assert.equal(picked.status, 200, picked.text);
  const income = (picked.json.report as DriftReport).features.find((f) => f.feature === 'income');
  assert.deepEqual([income?.stattest, income?.threshold], ['psi', 0.3]);
});
