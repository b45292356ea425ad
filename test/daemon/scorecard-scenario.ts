/**
 * Two versions of `churn` for the scorecard: version 1 trained without a git commit or dataset
 * and registered bare; version 2 trained with both, its accountability tags, a slice metric,
 * the tests tag, a baseline with a schema, serving samples with labels, a drift report, and the
 * alias `production` moved to it from version 1.
 */
import assert from 'node:assert/strict';
import { SCORECARD_TAGS } from '../../daemon/api/scorecard-contract.ts';
import { API, columnsOf, ROWS, rows } from './retraining-scenario.ts';
import type { DeploymentPlan } from '../../daemon/api/contract.ts';
import { readPrometheusSettings } from '../../daemon/metrics/prometheus-settings-request.ts';
import type { TrackingStore } from '../../daemon/store/tracking-store.ts';
import type { DaemonCalls } from './daemon-harness.ts';
import { logTrainingRun, registerVersion } from './training-run.ts';

export type ScorecardCalls = DaemonCalls;

export const COMPLETE_TAGS: Record<string, string> = {
  [SCORECARD_TAGS.owner]: 'churn-team',
  [SCORECARD_TAGS.intendedUse]: 'Rank monthly customers by churn risk for retention offers',
  [SCORECARD_TAGS.limitations]: 'Not trained on business accounts',
  [SCORECARD_TAGS.approvedBy]: 'ana',
  [SCORECARD_TAGS.approvedAt]: '2026-11-20',
  [SCORECARD_TAGS.changelog]: 'Adds tenure buckets',
  [SCORECARD_TAGS.tests]: 'ci run 42: 118 passed',
  [SCORECARD_TAGS.expectationSuite]: 'gx/expectations/churn.json',
  [SCORECARD_TAGS.fairnessSlices]: 'segment',
  [SCORECARD_TAGS.safetyMonitor]: 'CRM review of retention offers',
};

async function ok(pending: Promise<{ status: number; text: string }>): Promise<void> {
  const res = await pending;
  assert.equal(res.status, 200, res.text);
}

export async function seedScorecardVersions(daemon: ScorecardCalls): Promise<void> {
  const bare = await logTrainingRun(daemon, { gitCommit: '', dataset: false });
  await registerVersion(daemon, 'churn', bare);
  const full = await logTrainingRun(daemon);
  const runId = full.run.info.run_id;
  await ok(
    daemon.mlflow('POST', 'runs/log-metric', {
      run_id: runId,
      key: 'slice/segment_new/auc',
      value: 0.81,
      timestamp: Date.now(),
      step: 0,
    }),
  );
  await registerVersion(daemon, 'churn', full);
  for (const [key, value] of Object.entries(COMPLETE_TAGS))
    await ok(daemon.mlflow('POST', 'model-versions/set-tag', { name: 'churn', version: '2', key, value }));
  await ok(
    daemon.mlflow('POST', 'registered-models/alias', { name: 'churn', alias: 'production', version: '1' }),
  );
  await ok(
    daemon.mlflow('POST', 'registered-models/alias', { name: 'churn', alias: 'production', version: '2' }),
  );
  await ok(
    daemon.call('POST', `${API}/drift/baselines`, {
      body: { model_name: 'churn', model_version: '2', run_id: runId, columns: columnsOf(rows(1)) },
    }),
  );
  const start = Date.now() - 3_600_000;
  const samples = rows(2).map((features, i) =>
    JSON.stringify({
      model_name: 'churn',
      model_version: '2',
      timestamp: start + i * 1000,
      features,
      prediction: 0.7,
      prediction_id: `p-${i}`,
    }),
  );
  await ok(
    daemon.call('POST', `${API}/drift/samples`, {
      rawBody: samples.join('\n'),
      headers: { 'content-type': 'application/x-ndjson' },
    }),
  );
  const labels = Array.from({ length: ROWS / 2 }, (_, i) =>
    JSON.stringify({ prediction_id: `p-${i}`, label: i % 2 }),
  );
  await ok(
    daemon.call('POST', `${API}/outcomes/labels`, {
      rawBody: labels.join('\n'),
      headers: { 'content-type': 'application/x-ndjson' },
    }),
  );
  await ok(
    daemon.call('POST', `${API}/drift/reports`, {
      body: { model_name: 'churn', model_version: '2', from: start, to: start + ROWS * 1000 },
    }),
  );
}

/**
 * Version 2 served by a promoted canary in `kind-gpu` (whose Prometheus the daemon reads),
 * written to the store as the deploy engine records one.
 */
export function seedServingDeployment(store: TrackingStore): void {
  const plan = {
    request: { model_name: 'churn', version: '2', context: 'kind-gpu', namespace: 'ml', strategy: 'canary' },
    model_version: '2',
    previous_version: '1',
    runtime: 'plain',
    traffic: 'replica_ratio',
    steps: [10, 100],
    triggers: [
      { id: 'error-rate', direction: 'above', threshold: 0.01, unit: 'ratio' },
      { id: 'p99-latency', direction: 'above', threshold: 0.5, unit: 's' },
    ],
    gates: [],
    objects: [],
  } as unknown as DeploymentPlan;
  store.write(() => {
    store.deployments.create({ id: 'dep-churn-2', plan, detail: {}, actor: 'ana' });
    store.deployments.progress('dep-churn-2', 'promoted', 100, 'promoted');
    store.prometheus.put(
      readPrometheusSettings(
        { context: 'kind-gpu', source: { kind: 'url', url: 'http://127.0.0.1:9090' } },
        undefined,
        Date.now(),
      ),
    );
  });
}
