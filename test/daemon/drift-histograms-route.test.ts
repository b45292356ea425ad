/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- wire tests read raw JSON replies and check them by value */
/**
 * GET drift/reports/histograms over real HTTP and a real SQLite file: a report's features binned
 * on shared edges, against the recorded baseline and against a seasonal (rolling) reference.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FeatureHistogram } from '../../daemon/api/contract.ts';
import { normalSample, seededRandom } from '../drift/scipy-reference.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

const API = '/api/mlops-lens/v1';
const HOUR = 3600_000;
const NOW = Date.UTC(2026, 10, 25, 12);

let daemon: TestDaemon;
before(async () => {
  daemon = await startTestDaemon();
});
after(async () => daemon.close());

function lines(start: number, count: number, mean: number, seed: number): string {
  const random = seededRandom(seed);
  return normalSample(random, count, mean, 10)
    .map((income, i) =>
      JSON.stringify({
        model_name: 'churn',
        model_version: '2',
        timestamp: start + i * 1000,
        features: { income, plan: random() < 0.8 ? 'pro' : 'basic' },
      }),
    )
    .join('\n');
}

/** The share-weighted mean bin centre: where a side's mass sits. */
function centre(histogram: FeatureHistogram, side: 'reference' | 'current'): number {
  const edges = histogram.edges ?? [];
  return histogram[side].reduce(
    (sum, share, i) => sum + share * (((edges[i] ?? 0) + (edges[i + 1] ?? 0)) / 2),
    0,
  );
}

test('a drifted report shows the current mass moved against the baseline, on the same bins', async () => {
  const random = seededRandom(7);
  const income = normalSample(random, 1000, 50, 10);
  const baseline = await daemon.call('POST', `${API}/drift/baselines`, {
    body: {
      model_name: 'churn',
      model_version: '2',
      columns: { income, plan: income.map((_, i) => (i % 5 === 0 ? 'pro' : 'basic')) },
    },
  });
  assert.equal(baseline.status, 200, baseline.text);
  const pushed = await daemon.call('POST', `${API}/drift/samples`, {
    rawBody: lines(NOW, 500, 70, 8),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  assert.equal(pushed.json.accepted, 500);
  const report = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'churn', model_version: '2', from: NOW, to: NOW + HOUR },
  });
  assert.equal(report.status, 200, report.text);
  const response = await daemon.call('GET', `${API}/drift/reports/histograms`, {
    query: { report_id: report.json.report.report_id },
  });
  assert.equal(response.status, 200, response.text);
  assert.equal(response.json.report_id, report.json.report.report_id);
  const byName = new Map<string, FeatureHistogram>(
    response.json.features.map((h: FeatureHistogram) => [h.feature, h]),
  );
  const incomeBins = byName.get('income');
  assert.ok(incomeBins?.edges, 'numerical bins have edges');
  assert.equal(incomeBins.reference.length, incomeBins.edges.length - 1);
  assert.ok(centre(incomeBins, 'current') - centre(incomeBins, 'reference') > 15, 'the mean moved by 20');
  const plan = byName.get('plan');
  assert.deepEqual([...(plan?.categories ?? [])].sort(), ['basic', 'pro']);
  const pro = plan?.categories?.indexOf('pro') ?? -1;
  assert.ok((plan?.reference[pro] ?? 1) < 0.25 && (plan?.current[pro] ?? 0) > 0.7);
});

test('a rolling reference is binned from the samples before the window', async () => {
  await daemon.call('POST', `${API}/drift/samples`, {
    rawBody: lines(NOW + 2 * HOUR, 300, 70, 9),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  const report = await daemon.call('POST', `${API}/drift/reports`, {
    body: {
      model_name: 'churn',
      model_version: '2',
      from: NOW + 2 * HOUR,
      to: NOW + 3 * HOUR,
      reference: 'rolling',
      rolling_ms: 2 * HOUR,
    },
  });
  assert.equal(report.status, 200, report.text);
  const response = await daemon.call('GET', `${API}/drift/reports/histograms`, {
    query: { report_id: report.json.report.report_id },
  });
  const income = response.json.features.find((h: FeatureHistogram) => h.feature === 'income');
  assert.ok(Math.abs(centre(income, 'current') - centre(income, 'reference')) < 3, 'same distribution');
});

test('an unknown or missing report id is refused, naming it', async () => {
  const unknown = await daemon.call('GET', `${API}/drift/reports/histograms`, {
    query: { report_id: '999' },
  });
  assert.equal(unknown.status, 404, unknown.text);
  assert.match(unknown.json.message, /'999'/);
  const missing = await daemon.call('GET', `${API}/drift/reports/histograms`);
  assert.equal(missing.status, 400, missing.text);
  assert.match(missing.json.message, /report_id/);
});
