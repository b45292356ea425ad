/**
 * The retraining recommendation: weighs the drift severity, its attribution, the seasonal
 * check, the measured outcome loss and the labels behind it against the cost of the last
 * training runs, and answers exactly one action with a paragraph that names the numbers.
 * Pure: the service gathers the reports.
 */
import type { DriftReport } from '../api/contract.ts';
import type { TrainingCostSummary } from '../api/cost-contract.ts';
import type {
  AttributionEvidence,
  DriftAttribution,
  RetrainingAction,
  SeasonalCheck,
} from '../api/retraining-contract.ts';
import { fixed, OUTCOME_DEGRADATION_THRESHOLD, percent } from '../attribution/drift-attribution.ts';

/** A loss under this multiple of the threshold is marginal: it does not justify a retraining over budget. */
export const MARGINAL_LOSS_FACTOR = 2;

/** Upstream evidence that a seasonal match does not explain away. */
const UPSTREAM_BEYOND_DRIFT = new Set<AttributionEvidence['kind']>([
  'column_type_changed',
  'null_rate_changed',
  'column_missing',
  'upstream_dataset_changed',
]);

export interface RecommendationInput {
  attribution: DriftAttribution;
  drift?: DriftReport;
  seasonal?: SeasonalCheck;
  trainingCost?: TrainingCostSummary;
  minLabels: number;
  budget?: number;
}

export interface RecommendationResult {
  action: RetrainingAction;
  reasoning: string;
}

export function recommendRetraining(input: RecommendationInput): RecommendationResult {
  const { attribution, seasonal, trainingCost, minLabels, budget } = input;
  const facts = [driftSentence(input.drift), outcomeSentence(attribution), costSentence(trainingCost)];
  const decide = (action: RetrainingAction, why: string): RecommendationResult => ({
    action,
    reasoning: [...facts, why].join(' '),
  });
  const outcome = attribution.outcome;
  const labelled = outcome?.labelled ?? 0;
  const degradation = outcome?.brier_degradation;
  const degraded = degradation !== undefined && degradation > OUTCOME_DEGRADATION_THRESHOLD;
  const drifted = (attribution.drifted_features ?? 0) > 0 || attribution.dataset_drift === true;

  // Many features drifting at once is no upstream change when the same period drifted alike.
  const upstreamBeyondDrift = attribution.evidence.some((e) => UPSTREAM_BEYOND_DRIFT.has(e.kind));
  if (drifted && seasonal?.explains_shift === true && !upstreamBeyondDrift)
    return decide(
      'no_action',
      `The shift matches ${seasonal.reference === 'last_year' ? "last year's" : "last week's"} same period: against it (report ${seasonal.report_id}) ${seasonal.drifted_features} features drift (drift share ${fixed(seasonal.drift_share, 2)}), so the shift is seasonal and retraining is not recommended.`,
    );
  if (attribution.verdict === 'upstream_data_change')
    return decide(
      'investigate_upstream',
      `${attribution.summary} Retraining now would teach the model the broken or changed input, so investigate upstream first.`,
    );
  if ((degraded || drifted) && labelled < minLabels)
    return decide(
      'wait_for_labels',
      `Only ${labelled} predictions are labelled, fewer than the ${minLabels} needed to measure the outcome loss, so wait for labels before deciding to retrain.`,
    );
  if (degraded) {
    const lastCost = trainingCost?.last_run_cost;
    if (
      budget !== undefined &&
      lastCost !== undefined &&
      lastCost > budget &&
      degradation <= MARGINAL_LOSS_FACTOR * OUTCOME_DEGRADATION_THRESHOLD
    )
      return decide(
        'wait_for_labels',
        `The loss (${percent(degradation)}) is marginal, under ${percent(MARGINAL_LOSS_FACTOR * OUTCOME_DEGRADATION_THRESHOLD)}, and a retraining costs ${money(lastCost, trainingCost?.currency)}, over the budget of ${money(budget, trainingCost?.currency)}; wait for more labels to confirm it.`,
      );
    return decide(
      'retrain',
      `The Brier score is ${percent(degradation)} worse than its baseline, past the ${percent(OUTCOME_DEGRADATION_THRESHOLD)} threshold, on ${labelled} labelled predictions${attribution.verdict === 'concept_drift' ? ', with the inputs stable as a whole (concept drift)' : ''}: retrain.`,
    );
  }
  if (drifted)
    return decide(
      'no_action',
      `The drift does not hurt outcomes: on ${labelled} labelled predictions the Brier score is within ${percent(OUTCOME_DEGRADATION_THRESHOLD)} of its baseline, so no retraining is needed yet.`,
    );
  return decide('no_action', 'Inputs and outcomes are stable: no action.');
}

function driftSentence(report: DriftReport | undefined): string {
  if (report === undefined) return 'No drift report exists for this version.';
  const top = [...report.features].sort((a, b) => b.psi - a.psi)[0];
  const highest = top === undefined ? '' : `; highest PSI ${fixed(top.psi, 2)} on '${top.feature}'`;
  return `The latest drift report (${report.report_id}, ${report.window.count} samples against the ${report.reference.kind} reference) found ${report.drifted_features} of ${report.features.length} features drifted (drift share ${fixed(report.drift_share, 2)}, dataset drift at ${fixed(report.drift_share_threshold, 2)}${highest}).`;
}

function outcomeSentence(attribution: DriftAttribution): string {
  const outcome = attribution.outcome;
  if (outcome === undefined) return 'No predictions with ids are logged, so outcomes cannot be measured.';
  if (outcome.labelled === 0)
    return `None of its ${outcome.predictions} predictions of the last 30 days is labelled yet.`;
  const brier =
    outcome.brier === undefined
      ? ''
      : outcome.baseline_brier === undefined || outcome.brier_degradation === undefined
        ? `Brier score ${fixed(outcome.brier)} (no baseline to compare with)`
        : `Brier score ${fixed(outcome.brier)} against ${fixed(outcome.baseline_brier)} at baseline (${signed(outcome.brier_degradation)})`;
  const accuracy = outcome.accuracy === undefined ? '' : `accuracy ${fixed(outcome.accuracy)}`;
  const measured = [brier, accuracy].filter((s) => s !== '').join(', ');
  return `Outcomes: ${measured || 'measured'} over ${outcome.labelled} labelled of ${outcome.predictions} predictions (${percent(outcome.unlabelled_share)} unlabelled); ${outcome.evidence}.`;
}

function costSentence(cost: TrainingCostSummary | undefined): string {
  if (cost === undefined || cost.runs.length === 0)
    return 'No training run is recorded for this version, so the cost of retraining is unknown.';
  const last = cost.runs[0];
  if (last === undefined || last.gpu_count === 0)
    return `Its training run (${last?.run_id ?? '?'}) logged no GPU use, so retraining costs no GPU time.`;
  const gpus = `${trim(last.gpu_count)} × ${last.gpu_type ?? 'GPU'} for ${trim(last.duration_hours)} h`;
  const history =
    cost.runs.length > 1
      ? `; the last ${cost.runs.length} runs took ${trim(cost.gpu_hours)} GPU-hours, ${money(cost.cost, cost.currency)}`
      : '';
  return `Its training run took ${trim(last.gpu_hours)} GPU-hours (${gpus}), about ${money(last.cost, cost.currency)}${history}.`;
}

function money(value: number, currency = 'USD'): string {
  return `${value.toFixed(2)} ${currency}`;
}

function trim(value: number): string {
  return Number(value.toFixed(2)).toString();
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${percent(value)}`;
}
