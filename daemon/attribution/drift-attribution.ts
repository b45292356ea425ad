/**
 * Why a version drifted, from the evidence already measured: an upstream data change (many
 * features drifting at once, a column whose type, null rate or presence changed, a newer version
 * of the training dataset upstream) is kept apart from model degradation (outcomes worse while
 * the inputs stay stable) and from a plain input drift. Pure: the service gathers the reports.
 */
import type { DriftReport, QualityReport } from '../api/contract.ts';
import type {
  AttributionEvidence,
  DriftAttributionVerdict,
  OutcomeEvidence,
  UpstreamDatasetChange,
} from '../api/retraining-contract.ts';
import { ALERT_RULES } from '../alerts/alert-rules.ts';

/** "Many features drift at once": at least this many input features … */
export const MANY_FEATURES_MIN = 3;
/** … making at least this share of them. */
export const MANY_FEATURES_SHARE = 0.5;
/** The outcome counts as degraded past the Brier alert rule's threshold (relative increase). */
export const OUTCOME_DEGRADATION_THRESHOLD = ALERT_RULES['quality/brier-degradation'].threshold;
/** Labelled predictions needed before the outcome counts as measured. */
export const DEFAULT_MIN_LABELS = 200;

export interface AttributionInput {
  drift?: DriftReport;
  quality?: QualityReport;
  upstream: readonly UpstreamDatasetChange[];
  outcome?: OutcomeEvidence;
  /** Fewer labelled predictions than this say nothing about outcomes (default DEFAULT_MIN_LABELS). */
  minLabels?: number;
}

export interface AttributionResult {
  verdict: DriftAttributionVerdict;
  summary: string;
  evidence: AttributionEvidence[];
}

const UPSTREAM_KINDS = new Set<AttributionEvidence['kind']>([
  'many_features_drifted',
  'column_type_changed',
  'null_rate_changed',
  'column_missing',
  'upstream_dataset_changed',
]);

export function attributeDrift(input: AttributionInput): AttributionResult {
  const evidence = [
    ...driftEvidence(input.drift),
    ...qualityEvidence(input.quality),
    ...input.upstream.map((change): AttributionEvidence => ({
      kind: 'upstream_dataset_changed',
      subject: change.name,
      detail: `dataset '${change.name}' was trained on digest ${short(change.training_digest)}; run ${change.run_id} logged digest ${short(change.newer_digest)} on ${new Date(change.time).toISOString().slice(0, 10)}`,
    })),
  ];
  const degradation = input.outcome?.brier_degradation;
  const measured = (input.outcome?.labelled ?? 0) >= (input.minLabels ?? DEFAULT_MIN_LABELS);
  if (measured && degradation !== undefined && degradation > OUTCOME_DEGRADATION_THRESHOLD)
    evidence.push({
      kind: 'outcome_degraded',
      detail: `Brier score ${fixed(input.outcome?.brier)} against ${fixed(input.outcome?.baseline_brier)} at training, ${percent(degradation)} worse, over ${input.outcome?.labelled ?? 0} labelled predictions`,
    });
  const upstream = evidence.filter((e) => UPSTREAM_KINDS.has(e.kind));
  const degraded = evidence.some((e) => e.kind === 'outcome_degraded');
  const drifted = evidence.filter((e) => e.kind === 'features_drifted');
  if (upstream.length > 0)
    return {
      verdict: 'upstream_data_change',
      summary: `Upstream data change likely: ${upstream.map((e) => e.detail).join('; ')}.`,
      evidence,
    };
  if (degraded && input.drift?.dataset_drift !== true)
    return {
      verdict: 'concept_drift',
      summary: `Model degradation (concept drift): outcomes got worse while the inputs ${inputsStable(input.drift)}.`,
      evidence,
    };
  if (drifted.length > 0)
    return {
      verdict: 'input_drift',
      summary: `Input drift without signs of an upstream change: ${drifted.map((e) => e.subject).join(', ')}.`,
      evidence,
    };
  return { verdict: 'stable', summary: 'Inputs and outcomes are stable.', evidence };
}

function driftEvidence(report: DriftReport | undefined): AttributionEvidence[] {
  if (report === undefined) return [];
  const inputs = report.features.filter((f) => !f.is_prediction);
  const drifted = inputs.filter((f) => f.drifted);
  const evidence: AttributionEvidence[] = [];
  if (drifted.length >= MANY_FEATURES_MIN && drifted.length >= MANY_FEATURES_SHARE * inputs.length)
    evidence.push({
      kind: 'many_features_drifted',
      detail: `${drifted.length} of ${inputs.length} features drifted at once in report ${report.report_id} (${drifted.map((f) => f.feature).join(', ')})`,
    });
  for (const feature of drifted)
    evidence.push({
      kind: 'features_drifted',
      subject: feature.feature,
      detail: `${feature.feature}: ${feature.stattest} ${statistic(feature.statistic)} against ${feature.threshold}, PSI ${fixed(feature.psi)} (${feature.psi_band})`,
    });
  return evidence;
}

function inputsStable(report: DriftReport | undefined): string {
  if (report === undefined) return 'have no drift report against them';
  if (report.drifted_features === 0)
    return `stayed stable (none of ${report.features.length} features drifted)`;
  return `did not drift as a whole (${report.drifted_features} of ${report.features.length} features drifted, share ${fixed(report.drift_share, 2)} under ${fixed(report.drift_share_threshold, 2)})`;
}

function qualityEvidence(report: QualityReport | undefined): AttributionEvidence[] {
  if (report === undefined) return [];
  return report.checks.flatMap((check): AttributionEvidence[] => {
    if (check.verdict !== 'fail') return [];
    const rows = `${check.offending_rows} of ${check.rows} rows`;
    switch (check.check) {
      case 'type_change':
        return [
          {
            kind: 'column_type_changed',
            subject: check.column,
            detail: `column '${check.column}' changed type (${check.detail}; ${rows} differ)`,
          },
        ];
      case 'null_spike':
        return [
          {
            kind: 'null_rate_changed',
            subject: check.column,
            detail: `column '${check.column}' null rate changed (${check.detail}; ${rows} null)`,
          },
        ];
      case 'missing_column':
        return [
          {
            kind: 'column_missing',
            subject: check.column,
            detail: `column '${check.column}' is missing from production data`,
          },
        ];
      default:
        return [];
    }
  });
}

function statistic(value: number): string {
  return value !== 0 && Math.abs(value) < 0.001 ? value.toExponential(1) : fixed(value, 4);
}

function short(digest: string): string {
  return digest.length > 12 ? digest.slice(0, 12) : digest;
}

export function fixed(value: number | undefined, digits = 3): string {
  return value === undefined ? 'n/a' : value.toFixed(digits);
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
