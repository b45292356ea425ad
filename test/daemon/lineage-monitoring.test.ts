/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- wire tests read raw JSON replies and check them by value */
/**
 * Drift reports and alerts in lineage, over real HTTP and SQLite: a registered model version
 * whose pushed samples drift gets a report and alerts; its lineage neighbourhood shows the report
 * (`monitored_by`) and its open alerts (`alerts_on`), the report shows the alerts it `raised`,
 * a resolved alert leaves the version's direct neighbourhood but stays reachable through its
 * report, and a deployment of the version is linked to both.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DeploymentPlan, LineageResponse } from '../../daemon/api/contract.ts';
import { normalSample, seededRandom } from '../drift/scipy-reference.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

const API = '/api/mlops-lens/v1';
const NOW = Date.UTC(2026, 10, 25, 12);

let daemon: TestDaemon;
let reportId: string;

before(async () => {
  daemon = await startTestDaemon();
  const run = await daemon.mlflow('POST', 'runs/create', { experiment_id: '0', start_time: 1 });
  const runId = (run.json as { run: { info: { run_id: string } } }).run.info.run_id;
  assert.equal((await daemon.mlflow('POST', 'registered-models/create', { name: 'churn' })).status, 200);
  const version = await daemon.mlflow('POST', 'model-versions/create', {
    name: 'churn',
    source: `runs:/${runId}/model`,
    run_id: runId,
  });
  assert.equal(version.status, 200, version.text);
  const random = seededRandom(7);
  const baseline = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', model_version: '1', columns: { income: normalSample(random, 500, 50, 10) } },
  });
  assert.equal(baseline.status, 200, baseline.text);
  const lines = normalSample(random, 400, 65, 10).map((income, i) =>
    JSON.stringify({
      model_name: 'churn',
      model_version: '1',
      timestamp: NOW + i * 1000,
      features: { income },
    }),
  );
  const pushed = await daemon.call('POST', `${API}/drift/samples`, {
    rawBody: lines.join('\n'),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  assert.equal(pushed.json.accepted, 400, pushed.text);
  const report = await daemon.call('POST', `${API}/drift/reports`, {
    body: { model_name: 'churn', model_version: '1', from: NOW, to: NOW + 3600_000 },
  });
  assert.equal(report.status, 200, report.text);
  reportId = report.json.report.report_id;
  assert.equal(report.json.report.alert_ids.length, 2, 'PSI and KS alerts on income');
});
after(async () => daemon.close());

async function lineage(node: string, depth = 1): Promise<LineageResponse> {
  const response = await daemon.call('GET', `${API}/lineage`, { query: { node, depth: String(depth) } });
  assert.equal(response.status, 200, response.text);
  return response.json as LineageResponse;
}

function edgesOfType(graph: LineageResponse, type: string): string[] {
  return graph.edges
    .filter((e) => e.type === type)
    .map((e) => `${e.from} -> ${e.to}`)
    .sort();
}

test("a model version's neighbourhood shows its drift report and open alerts", async () => {
  const graph = await lineage('model_version:churn@1');
  const alerts = graph.nodes.filter((n) => n.type === 'alert');
  assert.equal(alerts.length, 2);
  assert.deepEqual(alerts.map((a) => a.attributes.rule).sort(), ['drift/feature-psi', 'drift/ks-p-value']);
  for (const alert of alerts) {
    assert.equal(alert.attributes.status, 'open');
    assert.equal(alert.attributes.feature, 'income');
    assert.match(alert.label, /^drift\/(feature-psi|ks-p-value) income \(open\)$/);
  }
  const report = graph.nodes.find((n) => n.type === 'drift_report');
  assert.equal(report?.id, `drift_report:${reportId}`);
  assert.equal(report?.attributes.dataset_drift, true);
  assert.deepEqual(edgesOfType(graph, 'monitored_by'), [`model_version:churn@1 -> drift_report:${reportId}`]);
  assert.deepEqual(
    edgesOfType(graph, 'alerts_on'),
    alerts.map((a) => `${a.id} -> model_version:churn@1`).sort(),
  );
});

test('a report shows the alerts it raised; a resolved alert is reached through its report', async () => {
  const fromReport = await lineage(`drift_report:${reportId}`);
  const raised = edgesOfType(fromReport, 'raised');
  assert.equal(raised.length, 2);
  const alertId = fromReport.nodes.find((n) => n.type === 'alert')?.attributes.alert_id as string;
  const resolved = await daemon.call('POST', `${API}/alerts/resolve`, { body: { alert_id: alertId } });
  assert.equal(resolved.status, 200, resolved.text);
  const near = await lineage('model_version:churn@1');
  assert.deepEqual(
    near.nodes.filter((n) => n.type === 'alert').map((n) => n.attributes.alert_id),
    fromReport.nodes
      .filter((n) => n.type === 'alert' && n.attributes.alert_id !== alertId)
      .map((n) => n.attributes.alert_id),
  );
  const wider = await lineage('model_version:churn@1', 2);
  const again = wider.nodes.find((n) => n.id === `alert:${alertId}`);
  assert.equal(again?.attributes.status, 'resolved');
  const fromAlert = await lineage(`alert:${alertId}`);
  assert.deepEqual(edgesOfType(fromAlert, 'raised'), [`drift_report:${reportId} -> alert:${alertId}`]);
  assert.deepEqual(edgesOfType(fromAlert, 'alerts_on'), [`alert:${alertId} -> model_version:churn@1`]);
});

test('a deployment of the version is linked to its report and alerts', async () => {
  const plan = {
    model_version: '1',
    runtime: 'kserve',
    request: { model_name: 'churn', context: 'prod', namespace: 'ml', strategy: 'canary' },
  } as unknown as DeploymentPlan;
  daemon.store.write(() => daemon.store.deployments.create({ id: 'dep-1', plan, detail: {}, actor: 'test' }));
  const fromReport = await lineage(`drift_report:${reportId}`);
  assert.deepEqual(edgesOfType(fromReport, 'monitored_by'), [
    `deployment:dep-1 -> drift_report:${reportId}`,
    `model_version:churn@1 -> drift_report:${reportId}`,
  ]);
  const open = fromReport.nodes.find((n) => n.type === 'alert' && n.attributes.status === 'open');
  const fromAlert = await lineage(open?.id ?? '');
  assert.deepEqual(edgesOfType(fromAlert, 'alerts_on'), [
    `${open?.id} -> deployment:dep-1`,
    `${open?.id} -> model_version:churn@1`,
  ]);
});

test('unknown report and alert nodes are 404, malformed ones 400', async () => {
  for (const node of ['drift_report:999', 'alert:999', 'alert:x']) {
    const response = await daemon.call('GET', `${API}/lineage`, { query: { node } });
    assert.equal(response.status, 404, `${node}: ${response.text}`);
  }
  const bad = await daemon.call('GET', `${API}/lineage`, { query: { node: 'drift:1' } });
  assert.equal(bad.status, 400);
  assert.match(bad.json.message as string, /drift_report, alert/);
});
