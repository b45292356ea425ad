/**
 * Shapes the daemon's data-quality report and retraining recommendation into the dashboard's
 * model-health sections. Pure: the panel calls it with what it fetched; the tests call it with
 * what they made.
 */
import type {
  DataCheckResult,
  DriftReport,
  ExpectationResult,
  QualityReport,
} from '../../daemon/api/contract.ts';
import type { RetrainingRecommendation } from '../../daemon/api/retraining-contract.ts';
import type { Verdict } from './contract.ts';
import type {
  HealthAction,
  QualityFailureRow,
  QualitySection,
  RecommendationSection,
} from './health-contract.ts';

/** How each action reads on the page. */
export const ACTION_TITLES: Readonly<Record<HealthAction, string>> = {
  retrain: 'Retrain',
  investigate_upstream: 'Investigate upstream',
  wait_for_labels: 'Wait for labels',
  no_action: 'No action',
};

/** The verdict colour each action is drawn in (verdict.ts: theme colours). */
export const ACTION_VERDICTS: Readonly<Record<HealthAction, Verdict>> = {
  retrain: 'drifted',
  investigate_upstream: 'investigate',
  wait_for_labels: 'investigate',
  no_action: 'stable',
};

/**
 * The drift report the daemon attributes and checks for quality: the newest against the
 * recorded baseline, else the newest (as the daemon's attribution picks it).
 */
export function healthDriftReport(reportsNewestFirst: readonly DriftReport[]): DriftReport | undefined {
  return reportsNewestFirst.find((r) => r.reference.kind === 'recorded') ?? reportsNewestFirst[0];
}

export function percent(share: number): string {
  const value = share * 100;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

function checkFailure(check: DataCheckResult): QualityFailureRow {
  const isNullSpike = check.check === 'null_spike';
  const observed = isNullSpike
    ? `null rate up ${percent(check.observed)}`
    : `${percent(check.observed)} of rows`;
  const allowed = isNullSpike
    ? `a rise of at most ${percent(check.threshold)}`
    : check.threshold === 0 || check.check === 'missing_column' || check.check === 'extra_column'
      ? 'none of the rows'
      : `at most ${percent(check.threshold)} of rows`;
  return {
    column: check.column,
    check: check.check.replaceAll('_', ' '),
    observed,
    expected: `${allowed} (${check.detail})`,
    rowsAffected: check.offending_rows,
    rows: check.rows,
    samples: check.examples,
    detail: check.detail,
  };
}

function expectationFailure(result: ExpectationResult, rows: number): QualityFailureRow {
  const { column, ...rest } = result.kwargs;
  const unexpected = result.unexpected_count ?? 0;
  const checked = result.element_count ?? rows;
  return {
    column: typeof column === 'string' ? column : '—',
    check: result.expectation_type,
    observed: `${unexpected} of ${checked} unexpected`,
    expected: Object.keys(rest).length === 0 ? 'the suite' : JSON.stringify(rest),
    rowsAffected: unexpected,
    rows: checked,
    samples: result.examples ?? [],
    detail: result.detail,
  };
}

/** The report's failed checks, then its failed expectations; the most rows affected first. */
export function qualitySection(report: QualityReport): QualitySection {
  const rows = report.window.count;
  const failures = [
    ...report.checks.filter((c) => c.verdict === 'fail').map(checkFailure),
    ...(report.expectations?.results ?? [])
      .filter((r) => r.verdict === 'fail')
      .map((r) => expectationFailure(r, rows)),
  ].sort((a, b) => b.rowsAffected - a.rowsAffected || a.column.localeCompare(b.column));
  return {
    state: 'report',
    windowFrom: report.window.from,
    windowTo: report.window.to,
    rows,
    checks: report.checks.length + (report.expectations?.evaluated ?? 0),
    failures,
  };
}

export function recommendationSection(recommendation: RetrainingRecommendation): RecommendationSection {
  return {
    state: 'recommendation',
    action: recommendation.action,
    reasoning: recommendation.reasoning,
    createdTime: recommendation.created_time,
    summary: recommendation.attribution.summary,
    evidence: recommendation.attribution.evidence.map((e) => ({
      kind: e.kind.replaceAll('_', ' '),
      ...(e.subject !== undefined ? { subject: e.subject } : {}),
      detail: e.detail,
    })),
  };
}
