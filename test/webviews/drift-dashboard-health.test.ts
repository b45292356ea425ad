/**
 * The drift dashboard's model-health sections, DOM-free: the failed checks of a quality report
 * (made by the daemon's own checks on a frame whose column turned to text), the recommendation
 * with its attribution evidence, the drift report they are asked for, and the protocol that
 * carries them, which refuses malformed sections whole.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataSchema, DriftReport, QualityReport } from '../../daemon/api/contract.ts';
import type { RetrainingRecommendation } from '../../daemon/api/retraining-contract.ts';
import { frameOfRows } from '../../daemon/quality/frame-columns.ts';
import { checkFrame } from '../../daemon/quality/schema-checks.ts';
import { parseHostMessage, parseWebviewMessage } from '../../webviews/drift-dashboard/contract.ts';
import { dashboardData } from '../../webviews/drift-dashboard/dashboard-data.ts';
import type { ModelHealth } from '../../webviews/drift-dashboard/health-contract.ts';
import {
  ACTION_TITLES,
  ACTION_VERDICTS,
  healthDriftReport,
  qualitySection,
  recommendationSection,
} from '../../webviews/drift-dashboard/model-health.ts';

const T = Date.UTC(2026, 10, 25, 12);
const HOUR = 3600_000;

const SCHEMA: DataSchema = {
  row_count: 100,
  columns: [
    { name: 'monthly_charges', type: 'number', null_rate: 0, min: 10, max: 150 },
    { name: 'contract', type: 'string', null_rate: 0, categories: ['monthly', 'yearly'] },
  ],
};

/** 40 rows: the last 30 send monthly_charges as text; 2 carry an unseen contract. */
function qualityReport(): QualityReport {
  const rows = Array.from({ length: 40 }, (_, i) => ({
    monthly_charges: i < 10 ? 20 + i : `${20 + i}.5 EUR`,
    contract: i < 2 ? 'weekly' : 'monthly',
  }));
  const checks = checkFrame(frameOfRows(rows), SCHEMA, undefined);
  return {
    model_name: 'churn',
    model_version: '2',
    created_time: T,
    window: { from: T - HOUR, to: T, count: rows.length },
    checks,
    failed_checks: checks.filter((c) => c.verdict === 'fail').length,
    expectations: {
      suite_name: 'churn',
      evaluated: 1,
      failed: 1,
      not_evaluated: 0,
      results: [
        {
          expectation_type: 'expect_column_values_to_be_between',
          kwargs: { column: 'monthly_charges', min_value: 0, max_value: 200 },
          verdict: 'fail',
          unexpected_count: 3,
          element_count: 40,
          examples: ['250'],
          detail: '3 of 40 values outside [0, 200]',
        },
      ],
    },
    alert_ids: [],
  };
}

function recommendation(): RetrainingRecommendation {
  return {
    model_name: 'churn',
    model_version: '2',
    created_time: T + 5,
    action: 'investigate_upstream',
    reasoning: "The column 'monthly_charges' changed type. Investigate upstream first.",
    attribution: {
      model_name: 'churn',
      model_version: '2',
      created_time: T + 5,
      verdict: 'upstream_data_change',
      summary: 'Upstream data change likely.',
      evidence: [
        { kind: 'column_type_changed', subject: 'monthly_charges', detail: 'training type number' },
        { kind: 'many_features_drifted', detail: '3 of 5 features drifted' },
      ],
      training_datasets: [],
      upstream_datasets: [],
    },
    min_labels: 200,
  };
}

function driftReport(id: string, kind: DriftReport['reference']['kind'], to: number): DriftReport {
  return {
    report_id: id,
    model_name: 'churn',
    model_version: '2',
    reference: { kind, count: 100 },
    window: { from: to - HOUR, to, count: 40 },
    created_time: to,
    features: [],
    drifted_features: 0,
    drift_share: 0,
    drift_share_threshold: 0.5,
    dataset_drift: false,
    alert_ids: [],
  };
}

describe('data-quality section', () => {
  it('lists the failed checks with their evidence, the most rows affected first', () => {
    const section = qualitySection(qualityReport());
    assert.equal(section.state, 'report');
    if (section.state !== 'report') return;
    assert.equal(section.rows, 40);
    assert.equal(section.checks, qualityReport().checks.length + 1);
    assert.deepEqual(
      section.failures.map((f) => [f.column, f.check, f.rowsAffected, f.rows]),
      [
        ['monthly_charges', 'type change', 30, 40],
        ['monthly_charges', 'expect_column_values_to_be_between', 3, 40],
        ['contract', 'unseen category', 2, 40],
      ],
    );
    const [typeChange, expectation, unseen] = section.failures;
    assert.equal(typeChange?.observed, '75% of rows');
    assert.equal(typeChange?.expected, 'none of the rows (training type number)');
    assert.deepEqual(typeChange?.samples, ['30.5 EUR', '31.5 EUR', '32.5 EUR', '33.5 EUR', '34.5 EUR']);
    assert.equal(expectation?.expected, '{"min_value":0,"max_value":200}');
    assert.equal(expectation?.observed, '3 of 40 unexpected');
    assert.deepEqual(unseen?.samples, ['weekly', 'weekly']);
  });

  it('a clean window has no failures', () => {
    const checks = checkFrame(frameOfRows([{ monthly_charges: 20, contract: 'yearly' }]), SCHEMA, undefined);
    const section = qualitySection({ ...qualityReport(), checks, expectations: undefined });
    assert.deepEqual(section.state === 'report' ? section.failures : undefined, []);
  });
});

describe('recommendation section', () => {
  it('carries the action, its reasoning and the attribution evidence', () => {
    const section = recommendationSection(recommendation());
    assert.deepEqual(section, {
      state: 'recommendation',
      action: 'investigate_upstream',
      reasoning: "The column 'monthly_charges' changed type. Investigate upstream first.",
      createdTime: T + 5,
      summary: 'Upstream data change likely.',
      evidence: [
        { kind: 'column type changed', subject: 'monthly_charges', detail: 'training type number' },
        { kind: 'many features drifted', detail: '3 of 5 features drifted' },
      ],
    });
    assert.equal(ACTION_TITLES.investigate_upstream, 'Investigate upstream');
    assert.equal(ACTION_VERDICTS.retrain, 'drifted');
    assert.equal(ACTION_VERDICTS.no_action, 'stable');
  });

  it('is asked for the newest report against the recorded baseline, else the newest', () => {
    const recorded = driftReport('r1', 'recorded', T);
    const seasonal = driftReport('s1', 'last_week', T + HOUR);
    assert.equal(healthDriftReport([seasonal, recorded])?.report_id, 'r1');
    assert.equal(healthDriftReport([seasonal])?.report_id, 's1');
    assert.equal(healthDriftReport([]), undefined);
  });
});

describe('model-health protocol', () => {
  const health: ModelHealth = {
    quality: qualitySection(qualityReport()),
    recommendation: recommendationSection(recommendation()),
  };
  const drift = { ...dashboardData('churn', '2', [], [], [], T), health };

  it('carries the health sections and the refresh request', () => {
    assert.deepEqual(parseHostMessage({ type: 'drift', payload: drift }), { type: 'drift', payload: drift });
    const none: ModelHealth = {
      quality: { state: 'none', reason: 'No samples of churn@2 in the requested window.' },
      recommendation: { state: 'none', reason: 'Nothing to attribute for churn@2.' },
    };
    const empty = { ...drift, health: none };
    assert.deepEqual(parseHostMessage({ type: 'drift', payload: empty }), { type: 'drift', payload: empty });
    assert.deepEqual(parseWebviewMessage({ type: 'refreshRecommendation' }), {
      type: 'refreshRecommendation',
    });
  });

  it('refuses malformed sections whole', () => {
    const refused = (changed: unknown): void =>
      assert.equal(parseHostMessage({ type: 'drift', payload: { ...drift, health: changed } }), undefined);
    refused({ quality: health.quality });
    refused({ ...health, recommendation: { ...health.recommendation, action: 'panic' } });
    refused({ ...health, recommendation: { state: 'none' } });
    const report = health.quality.state === 'report' ? health.quality : undefined;
    assert.ok(report);
    const [first] = report.failures;
    refused({ ...health, quality: { ...report, failures: [{ ...first, rowsAffected: -1 }] } });
    refused({ ...health, quality: { ...report, failures: [{ ...first, samples: [3] }] } });
    refused({ ...health, quality: { ...report, state: 'maybe' } });
    const withEvidence = health.recommendation.state === 'recommendation' ? health.recommendation : undefined;
    assert.ok(withEvidence);
    refused({ ...health, recommendation: { ...withEvidence, evidence: [{ kind: 'x' }] } });
  });
});
