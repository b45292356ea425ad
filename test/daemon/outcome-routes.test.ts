/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- wire tests read raw JSON replies and check them by value */
/**
 * Delayed labels over real HTTP and a real SQLite file: 2,000 predictions logged on day 0,
 * their labels pushed over 14 simulated days (one bad line a day, refused, the rest kept).
 * After each day the outcome report's Brier score, reliability bins, unlabelled share and
 * evidence age are compared with scikit-learn's (Debian's python3-sklearn) on the same
 * labelled predictions, in the same run. A training run's Brier metric is the baseline whose
 * degradation raises the alert.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { OutcomeReport } from '../../daemon/api/contract.ts';
import { runScipy, seededRandom } from '../drift/scipy-reference.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

const API = '/api/mlops-lens/v1';
const DAY = 86_400_000;
const PREDICTIONS = 2000;
const SIMULATED_DAYS = 14;

const SKLEARN = ['/usr/bin/python3', 'python3'].find(
  (python) =>
    spawnSync(python, ['-c', 'import sklearn.calibration, sklearn.metrics'], { stdio: 'ignore' }).status ===
    0,
);
const NO_SKLEARN = 'no python3 with scikit-learn (Debian: python3-sklearn)';

const SKLEARN_SCRIPT = `
import json, sys
from sklearn.metrics import brier_score_loss
from sklearn.calibration import calibration_curve
data = json.load(open(sys.argv[1]))
out = []
for day in data:
    y, p = day["y_true"], day["y_prob"]
    prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
    out.append({
        "brier": brier_score_loss(y, p),
        "prob_true": list(prob_true),
        "prob_pred": list(prob_pred),
        "unlabelled_share": (day["total"] - len(y)) / day["total"],
        "evidence_age_days": (day["report_time"] - max(day["times"])) / 86400000,
    })
json.dump(out, open(sys.argv[2], "w"))
`;

let daemon: TestDaemon;
before(async () => {
  daemon = await startTestDaemon();
});
after(async () => daemon.close());

interface Logged {
  id: string;
  time: number;
  probability: number;
  label: number;
  plan: string;
  labelDay: number;
}

function generate(start: number): Logged[] {
  const random = seededRandom(11);
  return Array.from({ length: PREDICTIONS }, (_, i) => {
    const probability = Math.round(random() * 1000) / 1000;
    // Labels a little worse than the model believes: the truth is drawn from a shrunk probability.
    const label = random() < 0.15 + 0.7 * probability ? 1 : 0;
    return {
      id: `pred-${i}`,
      time: start + i * 30_000,
      probability,
      label,
      plan: i % 3 === 0 ? 'pro' : 'basic',
      labelDay: 1 + Math.floor(random() * SIMULATED_DAYS),
    };
  });
}

async function pushLines(urlPath: string, lines: string[]) {
  const response = await daemon.call('POST', `${API}/${urlPath}`, {
    rawBody: lines.join('\n'),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  assert.equal(response.status, 200, response.text);
  return response.json;
}

test(
  'labels arriving over 14 days join their day-0 predictions; outcome metrics match scikit-learn',
  { skip: SKLEARN === undefined ? NO_SKLEARN : false },
  async () => {
    const dayZero = Date.now() - SIMULATED_DAYS * DAY;
    const logged = generate(dayZero);
    const pushed = await pushLines(
      'drift/samples',
      logged.map((p) =>
        JSON.stringify({
          model_name: 'churn',
          model_version: '1',
          timestamp: p.time,
          features: { plan: p.plan },
          prediction: p.probability,
          prediction_id: p.id,
        }),
      ),
    );
    assert.equal(pushed.accepted, PREDICTIONS);

    const reports: OutcomeReport[] = [];
    const labelledByDay: Logged[][] = [];
    for (let day = 1; day <= SIMULATED_DAYS; day += 1) {
      const arriving = logged.filter((p) => p.labelDay === day);
      const lines = arriving.map((p) =>
        JSON.stringify({ prediction_id: p.id, label: p.label === 1, timestamp: dayZero + day * DAY }),
      );
      lines.splice(1, 0, '{"prediction_id": "pred-1", "label": "yes"}');
      const answer = await pushLines('outcomes/labels', lines);
      assert.equal(answer.accepted, arriving.length, 'every valid line is kept');
      assert.deepEqual(answer.rejected, [{ line: 2, message: '/label: must be number,boolean' }]);
      const response = await daemon.call('POST', `${API}/outcomes/reports`, {
        body: { model_name: 'churn', model_version: '1', slice_by: ['plan'] },
      });
      assert.equal(response.status, 200, response.text);
      reports.push(response.json.report as OutcomeReport);
      labelledByDay.push(logged.filter((p) => p.labelDay <= day));
    }

    const expected = runScipy<
      {
        brier: number;
        prob_true: number[];
        prob_pred: number[];
        unlabelled_share: number;
        evidence_age_days: number;
      }[]
    >(
      SKLEARN ?? 'python3',
      SKLEARN_SCRIPT,
      labelledByDay.map((labelled, index) => ({
        y_true: labelled.map((p) => p.label),
        y_prob: labelled.map((p) => p.probability),
        times: labelled.map((p) => p.time),
        total: PREDICTIONS,
        report_time: reports[index]?.created_time,
      })),
    );
    reports.forEach((report, index) => {
      const want = expected[index];
      assert.ok(want);
      assert.equal(report.task, 'classification');
      assert.equal(report.labelled, labelledByDay[index]?.length);
      assert.ok(
        Math.abs((report.brier ?? NaN) - want.brier) < 1e-12,
        `day ${index + 1}: Brier ${report.brier} vs ${want.brier}`,
      );
      assert.ok(Math.abs(report.unlabelled_share - want.unlabelled_share) < 1e-12);
      const bins = report.reliability ?? [];
      assert.equal(bins.length, want.prob_true.length, `day ${index + 1}: non-empty bins`);
      bins.forEach((bin, b) => {
        assert.ok(Math.abs(bin.fraction_positive - (want.prob_true[b] ?? NaN)) < 1e-12);
        assert.ok(Math.abs(bin.mean_predicted - (want.prob_pred[b] ?? NaN)) < 1e-12);
      });
      assert.ok(Math.abs((report.evidence_age_ms ?? NaN) / DAY - want.evidence_age_days) < 1e-9);
    });
    const last = reports.at(-1);
    assert.equal(last?.unlabelled_share, 0);
    const ageDays = Math.floor((last?.evidence_age_ms ?? 0) / DAY);
    assert.equal(last?.evidence, `concept drift evidence covers predictions up to ${ageDays} days ago`);
    assert.equal(ageDays, SIMULATED_DAYS - 1, 'the newest prediction was made in the last hours of day 0');
    const pro = last?.slices.find((s) => s.slice === 'plan=pro');
    assert.equal(pro?.predictions, logged.filter((p) => p.plan === 'pro').length);
    const proLogged = logged.filter((p) => p.plan === 'pro');
    const proBrier = proLogged.reduce((sum, p) => sum + (p.probability - p.label) ** 2, 0) / proLogged.length;
    assert.ok(Math.abs((pro?.brier ?? NaN) - proBrier) < 1e-12);
    assert.equal(reports[0]?.baseline_source, 'first_labelled_window');
  },
);

test("a Brier score 15% worse than the training run's raises the Brier degradation alert", async () => {
  const created = await daemon.mlflow('POST', 'runs/create', { experiment_id: '0', start_time: Date.now() });
  const runId = created.json.run.info.run_id as string;
  const logged = await daemon.mlflow('POST', 'runs/log-metric', {
    run_id: runId,
    key: 'brier',
    value: 0.1,
    timestamp: Date.now(),
    step: 0,
  });
  assert.equal(logged.status, 200, logged.text);
  const baseline = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', model_version: '1', run_id: runId, columns: { plan: ['pro', 'basic'] } },
  });
  assert.equal(baseline.status, 200, baseline.text);
  const response = await daemon.call('POST', `${API}/outcomes/reports`, {
    body: { model_name: 'churn', model_version: '1' },
  });
  assert.equal(response.status, 200, response.text);
  const report = response.json.report as OutcomeReport;
  assert.equal(report.baseline_source, 'training_run');
  assert.equal(report.baseline_brier, 0.1);
  assert.ok(Math.abs((report.brier_degradation ?? NaN) - ((report.brier ?? NaN) - 0.1) / 0.1) < 1e-12);
  assert.ok((report.brier_degradation ?? 0) > 0.15);
  assert.equal(report.alert_ids.length, 1);
  const alerts = await daemon.call('GET', `${API}/alerts`, {
    query: { status: 'open', model_name: 'churn' },
  });
  const alert = alerts.json.alerts.find((a: { rule: string }) => a.rule === 'quality/brier-degradation');
  assert.equal(alert?.alert_id, report.alert_ids[0]);
});

test('bad outcome requests are refused with where they are wrong', async () => {
  const empty = await daemon.call('POST', `${API}/outcomes/reports`, {
    body: { model_name: 'nobody', model_version: '1' },
  });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /No predictions of nobody@1 in the window/);
  const task = await daemon.call('POST', `${API}/outcomes/reports`, {
    body: { model_name: 'churn', model_version: '1', task: 'ranking' },
  });
  assert.equal(task.status, 400);
  assert.match(task.text, /'task' must be one of classification, regression/);
  const lines = await pushLines('outcomes/labels', [
    'not json',
    '{"prediction_id": "x", "label": 1, "timestamp": 5}',
  ]);
  assert.equal(lines.accepted, 0);
  assert.match(lines.rejected[0].message, /^not JSON/);
  assert.match(lines.rejected[1].message, /looks like seconds/);
});
