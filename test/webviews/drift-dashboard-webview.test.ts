/** The drift dashboard's pure parts: verdicts and their colours, histogram labels, the timeline, validation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert, DriftReport, FeatureDrift } from '../../daemon/api/contract.ts';
import {
  parseHostMessage,
  parseSubject,
  parseWebviewMessage,
} from '../../webviews/drift-dashboard/contract.ts';
import {
  dashboardData,
  histogramOf,
  statisticTimeline,
} from '../../webviews/drift-dashboard/dashboard-data.ts';
import { comparisonText, featureVerdict, VERDICT_COLORS } from '../../webviews/drift-dashboard/verdict.ts';

const T = Date.UTC(2026, 10, 25, 12);
const HOUR = 3600_000;

function feature(name: string, extra: Partial<FeatureDrift>): FeatureDrift {
  return {
    feature: name,
    type: 'numerical',
    is_prediction: false,
    stattest: 'ks',
    statistic: 0.5,
    threshold: 0.05,
    drifted: false,
    psi: 0.01,
    psi_band: 'stable',
    reference_count: 1000,
    current_count: 500,
    current_missing: 0,
    ...extra,
  };
}

function report(id: string, to: number, features: FeatureDrift[]): DriftReport {
  const drifted = features.filter((f) => f.drifted).length;
  return {
    report_id: id,
    model_name: 'churn',
    model_version: '2',
    reference: { kind: 'recorded', baseline_id: '1', count: 1000 },
    window: { from: to - HOUR, to, count: 500 },
    created_time: to + 1,
    features,
    drifted_features: drifted,
    drift_share: drifted / features.length,
    drift_share_threshold: 0.5,
    dataset_drift: drifted / features.length >= 0.5,
    alert_ids: [],
  };
}

describe('drift verdicts', () => {
  it('drifted when the statistic crossed; investigate when only PSI left its stable band', () => {
    assert.equal(featureVerdict({ drifted: true, psi_band: 'stable' }), 'drifted');
    assert.equal(featureVerdict({ drifted: false, psi_band: 'investigate' }), 'investigate');
    assert.equal(featureVerdict({ drifted: false, psi_band: 'significant' }), 'investigate');
    assert.equal(featureVerdict({ drifted: false, psi_band: 'stable' }), 'stable');
  });

  it('colours each verdict from the theme, red for drifted', () => {
    assert.deepEqual(VERDICT_COLORS.drifted, ['--vscode-editorError-foreground', '--vscode-charts-red']);
    assert.equal(new Set(Object.values(VERDICT_COLORS).map((c) => c[0])).size, 3);
  });

  it('reads p-values below and distances at or above their threshold', () => {
    assert.equal(comparisonText('ks', 0.0001, 0.05), 'ks p = 1.00e-4 < 0.05');
    assert.equal(comparisonText('ks', 0.3, 0.05), 'ks p = 0.3 ≥ 0.05');
    assert.equal(comparisonText('psi', 0.31, 0.1), 'psi = 0.31 ≥ 0.1');
    assert.equal(comparisonText('wasserstein', 0.05, 0.1), 'wasserstein = 0.05 < 0.1');
  });
});

describe('drift dashboard data', () => {
  const older = report('1', T, [feature('income', { statistic: 0.4 }), feature('age', { statistic: 0.6 })]);
  const newer = report('2', T + HOUR, [
    feature('income', { statistic: 0.0001, drifted: true, psi: 0.4, psi_band: 'significant' }),
    feature('plan', {
      type: 'categorical',
      stattest: 'psi',
      statistic: 0.15,
      threshold: 0.2,
      psi: 0.15,
      psi_band: 'investigate',
    }),
    feature('tenure', {}),
  ]);

  it('aligns each feature’s statistic on the reports’ windows, oldest first, null where absent', () => {
    const timeline = statisticTimeline([newer, older]);
    assert.deepEqual(timeline.times, [T, T + HOUR]);
    assert.deepEqual(timeline.byFeature.get('income'), [0.4, 0.0001]);
    assert.deepEqual(timeline.byFeature.get('age'), [0.6, null]);
    assert.deepEqual(timeline.byFeature.get('plan'), [null, 0.15]);
  });

  it('labels numeric bins by their edges and categories by name', () => {
    assert.deepEqual(
      histogramOf({
        feature: 'x',
        type: 'numerical',
        edges: [0, 0.5, 1],
        reference: [0.5, 0.5],
        current: [0, 1],
      }).labels,
      ['0–0.5', '0.5–1'],
    );
    assert.deepEqual(
      histogramOf({
        feature: 'p',
        type: 'categorical',
        categories: ['pro', '(other)'],
        reference: [1, 0],
        current: [0, 1],
      }).labels,
      ['pro', '(other)'],
    );
  });

  it('puts drifted features first, then investigate, then stable; open alerts first', () => {
    const alerts: Alert[] = [
      {
        alert_id: 'a1',
        rule: 'drift/feature-psi',
        model_name: 'churn',
        model_version: '2',
        feature: 'age',
        status: 'resolved',
        value: 0.3,
        threshold: 0.25,
        message: 'resolved one',
        first_seen: T,
        last_seen: T + 2 * HOUR,
        occurrences: 1,
        lineage_node: 'model_version:churn@2',
      },
      {
        alert_id: 'a2',
        rule: 'drift/ks-p-value',
        model_name: 'churn',
        model_version: '2',
        feature: 'income',
        status: 'open',
        value: 0.0001,
        threshold: 0.01,
        message: 'KS p-value of income below 0.01',
        first_seen: T + HOUR,
        last_seen: T + HOUR,
        silenced_until: T + 10 * HOUR,
        occurrences: 1,
        lineage_node: 'model_version:churn@2',
      },
    ];
    const data = dashboardData('churn', '2', [newer, older], [], alerts, T + 2 * HOUR);
    assert.deepEqual(
      data.features.map((f) => [f.feature, f.verdict]),
      [
        ['income', 'drifted'],
        ['plan', 'investigate'],
        ['tenure', 'stable'],
      ],
    );
    assert.deepEqual(data.features[0]?.timeline, [0.4, 0.0001]);
    assert.deepEqual(
      data.alerts.map((a) => [a.alertId, a.status, a.silenced]),
      [
        ['a2', 'open', true],
        ['a1', 'resolved', false],
      ],
    );
    assert.equal(data.report?.driftedFeatures, 1);
    assert.deepEqual(parseHostMessage({ type: 'drift', payload: data }), { type: 'drift', payload: data });
  });

  it('a version without reports has no report and no features', () => {
    const data = dashboardData('churn', '3', [], [], [], T);
    assert.equal(data.report, undefined);
    assert.deepEqual([data.features, data.timelineTimes], [[], []]);
  });
});

describe('drift dashboard protocol', () => {
  it('refuses a timeline that does not match the windows, unknown verdicts and other messages', () => {
    const data = dashboardData('churn', '2', [report('1', T, [feature('income', {})])], [], [], T);
    const [row] = data.features;
    assert.ok(row);
    const short = { ...data, features: [{ ...row, timeline: [] }] };
    assert.equal(parseHostMessage({ type: 'drift', payload: short }), undefined);
    const unknown = { ...data, features: [{ ...row, verdict: 'fine' }] };
    assert.equal(parseHostMessage({ type: 'drift', payload: unknown }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'showLineage' }), { type: 'showLineage' });
    assert.equal(parseWebviewMessage({ type: 'initialized' }), undefined);
    assert.deepEqual(parseSubject({ model: 'churn', version: '2' }), { model: 'churn', version: '2' });
    assert.equal(parseSubject({ model: 'churn' }), undefined);
  });
});

describe('a feature with no current values of its type', () => {
  it('keeps its statistic and PSI as null, says so, and the message still passes', () => {
    // As the daemon's JSON carries a statistic it could not compute: NaN became null.
    const wire = JSON.parse(
      JSON.stringify(
        report('1', T, [
          feature('monthly_charges', { statistic: Number.NaN, psi: Number.NaN, current_count: 0 }),
          feature('income', {}),
        ]),
      ),
    ) as DriftReport;
    const data = dashboardData('churn', '1', [wire], [], [], T);
    const row = data.features.find((f) => f.feature === 'monthly_charges');
    assert.deepEqual([row?.statistic, row?.psi, row?.timeline], [null, null, [null]]);
    assert.deepEqual(parseHostMessage({ type: 'drift', payload: data }), { type: 'drift', payload: data });
    assert.equal(comparisonText('ks', null, 0.05), 'ks: not computed (no current values of its type)');
  });
});
