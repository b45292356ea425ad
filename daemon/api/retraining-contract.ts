/**
 * The daemon's HTTP types for "why did it drift" and "should we retrain": drift attribution and
 * the retraining recommendation (routes under `NATIVE_API_PREFIX`). Kept beside `contract.ts`,
 * which holds the reports they read.
 */
import type { DriftReferenceChoice } from './contract.ts';
import type { TrainingCostSummary } from './cost-contract.ts';

/**
 * `upstream_data_change`: the inputs changed at their source (many features drifted at once, a
 * column's type, null rate or presence changed, or the training dataset has a newer version);
 * `concept_drift`: outcomes got worse while the inputs stayed stable (model degradation);
 * `input_drift`: some features drifted, without signs of an upstream change;
 * `stable`: none of these.
 */
export type DriftAttributionVerdict = 'upstream_data_change' | 'concept_drift' | 'input_drift' | 'stable';

export type AttributionEvidenceKind =
  | 'many_features_drifted'
  | 'column_type_changed'
  | 'null_rate_changed'
  | 'column_missing'
  | 'upstream_dataset_changed'
  | 'features_drifted'
  | 'outcome_degraded';

/** One fact behind a verdict, with the column or dataset it is about. */
export interface AttributionEvidence {
  kind: AttributionEvidenceKind;
  /** The feature, column or dataset name. */
  subject?: string;
  detail: string;
}

/** A dataset the training run read whose name was later logged with another digest. */
export interface UpstreamDatasetChange {
  name: string;
  training_digest: string;
  newer_digest: string;
  /** The run that logged the newer version, and when it started. */
  run_id: string;
  time: number;
}

/** What the outcome layer says, as attribution and the recommendation read it. */
export interface OutcomeEvidence {
  predictions: number;
  labelled: number;
  unlabelled_share: number;
  accuracy?: number;
  brier?: number;
  baseline_brier?: number;
  /** Relative increase of the Brier score over its baseline. */
  brier_degradation?: number;
  /** "concept drift evidence covers predictions up to 9 days ago" */
  evidence: string;
}

/**
 * POST `${NATIVE_API_PREFIX}/attribution`: why the version's inputs or outcomes moved. Outcomes
 * count once `min_labels` (default 200) of the last 30 days' predictions are labelled.
 */
export interface CreateAttributionRequest {
  model_name: string;
  model_version: string;
  min_labels?: number;
}

export interface DriftAttribution {
  model_name: string;
  model_version: string;
  created_time: number;
  verdict: DriftAttributionVerdict;
  /** One sentence: the verdict and its strongest evidence. */
  summary: string;
  evidence: AttributionEvidence[];
  /** The latest drift report read (against the recorded baseline when there is one). */
  drift_report_id?: string;
  drift_share?: number;
  drifted_features?: number;
  features?: number;
  dataset_drift?: boolean;
  /** Failed data-quality checks on the drift report's window. */
  quality_failed_checks?: number;
  training_run_id?: string;
  training_datasets: { name: string; digest: string }[];
  upstream_datasets: UpstreamDatasetChange[];
  outcome?: OutcomeEvidence;
}

export interface AttributionResponse {
  attribution: DriftAttribution;
}

export type RetrainingAction = 'retrain' | 'investigate_upstream' | 'wait_for_labels' | 'no_action';

/**
 * POST `${NATIVE_API_PREFIX}/retraining/recommendation`. `min_labels` (default 200): labelled
 * predictions needed before outcomes count as measured. `budget`: the most one retraining may
 * cost (price-table currency); a marginal loss does not justify a retraining above it.
 */
export interface CreateRetrainingRecommendationRequest {
  model_name: string;
  model_version: string;
  min_labels?: number;
  budget?: number;
}

/** The same window compared with last week's or last year's production data. */
export interface SeasonalCheck {
  reference: Extract<DriftReferenceChoice, 'last_week' | 'last_year'>;
  report_id: string;
  drifted_features: number;
  drift_share: number;
  dataset_drift: boolean;
  /** Fewer features drift against the seasonal reference than against the baseline, and the dataset does not. */
  explains_shift: boolean;
}

export interface RetrainingRecommendation {
  model_name: string;
  model_version: string;
  created_time: number;
  action: RetrainingAction;
  /** One paragraph that names the numbers the action was decided on. */
  reasoning: string;
  attribution: DriftAttribution;
  seasonal?: SeasonalCheck;
  /** The version's training run and the runs before it in its experiment. */
  training_cost?: TrainingCostSummary;
  min_labels: number;
  budget?: number;
}

export interface RetrainingRecommendationResponse {
  recommendation: RetrainingRecommendation;
}
