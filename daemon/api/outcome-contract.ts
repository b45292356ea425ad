/**
 * Outcomes: delayed labels joined to logged predictions, and the outcome layer per window and
 * slice. Types only.
 */

/**
 * One line of POST `${NATIVE_API_PREFIX}/outcomes/labels` (JSON lines): the true outcome of a
 * logged prediction, pushed whenever it is known. `timestamp` (when the outcome was observed)
 * defaults to when the daemon received it. A later label for the same id replaces the earlier.
 */
export interface OutcomeLabelLine {
  prediction_id: string;
  label: number | boolean;
  timestamp?: number | string;
}

export interface PushOutcomeLabelsResponse {
  accepted: number;
  rejected: { line: number; message: string }[];
}

/** One reliability-curve bin: predictions whose probability falls in (lower, upper] (the first bin holds 0 too). */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  mean_predicted: number;
  fraction_positive: number;
}

/**
 * The outcome layer of a set of predictions. Classification (labels 0/1, predictions the
 * positive class's probability): accuracy at 0.5, Brier score and the reliability curve in 10
 * uniform bins (empty bins left out). Regression: mean absolute and root mean squared error.
 */
export interface OutcomeMetrics {
  predictions: number;
  labelled: number;
  unlabelled_share: number;
  accuracy?: number;
  brier?: number;
  reliability?: ReliabilityBin[];
  mae?: number;
  rmse?: number;
  /** The newest labelled prediction's time, and how long before the report it was made. */
  evidence_until?: number;
  evidence_age_ms?: number;
}

export interface OutcomeSlice extends OutcomeMetrics {
  /** `feature=value`, or `feature in [lower, upper)` for a numerical bucket. */
  slice: string;
}

/**
 * POST `${NATIVE_API_PREFIX}/outcomes/reports`: joins the version's predictions in the window to
 * the labels that have arrived, whatever the delay. `slice_by` names features to slice on
 * (numerical ones in 4 quantile buckets of the window). `task` defaults to classification when
 * every label is 0 or 1.
 */
export interface CreateOutcomeReportRequest {
  model_name: string;
  model_version: string;
  from?: number;
  to?: number;
  slice_by?: string[];
  task?: 'classification' | 'regression';
}

export interface OutcomeReport extends OutcomeMetrics {
  model_name: string;
  model_version: string;
  task: 'classification' | 'regression';
  created_time: number;
  window: { from: number; to: number };
  /** "concept drift evidence covers predictions up to 9 days ago" */
  evidence: string;
  /** The Brier score compared with: the training run's `brier` metric, else the first labelled window. */
  baseline_brier?: number;
  baseline_source?: 'training_run' | 'first_labelled_window';
  brier_degradation?: number;
  slices: OutcomeSlice[];
  alert_ids: string[];
}

export interface OutcomeReportResponse {
  report: OutcomeReport;
}
