/**
 * Drift: baselines recorded from training data, serving samples, and reports per feature.
 */

/** How a drift feature is compared: numbers by their distribution, anything else by category counts. */
export type DriftColumnType = 'numerical' | 'categorical';

/**
 * The statistic that decides whether a feature drifted. `ks`, `chisquare` and `z` are tests
 * (drift when the p-value is below the threshold); `wasserstein` (normed by the reference's
 * standard deviation), `jensenshannon` and `psi` are distances (drift at or above it).
 */
export type DriftStatTest = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';

/** Per-column choices; anything left out takes Evidently's default for the column's type and size. */
export interface DriftColumnSpec {
  type?: DriftColumnType;
  stattest?: DriftStatTest;
  threshold?: number;
}

/** A value of a feature or prediction, as samples and baseline columns carry it. */
export type DriftValue = number | string | boolean | null;

/**
 * POST `${NATIVE_API_PREFIX}/drift/baselines`: reference statistics for a model (and version),
 * recorded with a run. Give `columns` (feature name → values, one per reference row) or `file`
 * (an absolute path to a `.csv` with a header row or a `.parquet` file).
 */
export interface CreateDriftBaselineRequest {
  model_name: string;
  model_version?: string;
  run_id?: string;
  columns?: Record<string, DriftValue[]>;
  file?: string;
  /** A CSV or Parquet artifact of a run, found from a dataset it logged or by its path. */
  from_run_dataset?: RunDatasetReference;
  /** The column that holds the model's prediction (compared like a feature, reported apart). */
  prediction_column?: string;
  column_specs?: Record<string, DriftColumnSpec>;
}

/**
 * A run's logged dataset (by name; its source URI or digest must name a CSV or Parquet artifact
 * of the run) or one of the run's artifacts by its path under the run's artifact root.
 */
export interface RunDatasetReference {
  run_id: string;
  dataset_name?: string;
  artifact_path?: string;
}

export interface DriftBaselineFeature {
  name: string;
  type: DriftColumnType;
  /** Non-missing reference values. */
  count: number;
  missing: number;
  is_prediction: boolean;
  /** Numerical: mean, population standard deviation, extremes and how many points are stored. */
  mean?: number;
  std?: number;
  min?: number;
  max?: number;
  stored_points?: number;
  /** Categorical: how many distinct categories. */
  categories?: number;
}

export type DriftBaselineSource = 'api' | 'csv' | 'parquet';

export interface DriftBaseline {
  baseline_id: string;
  model_name: string;
  model_version?: string;
  run_id?: string;
  source: DriftBaselineSource;
  created_time: number;
  row_count: number;
  features: DriftBaselineFeature[];
}

/** POST `${NATIVE_API_PREFIX}/drift/baselines`: the baseline recorded. */
export interface CreateDriftBaselineResponse {
  baseline: DriftBaseline;
}

/** GET `${NATIVE_API_PREFIX}/drift/baselines?model_name=`: newest first (at most 200). */
export interface DriftBaselinesResponse {
  baselines: DriftBaseline[];
}

/**
 * One line of POST `${NATIVE_API_PREFIX}/drift/samples` (a JSON object per line, JSON lines):
 * a request the serving app answered. `timestamp` is epoch milliseconds or an ISO 8601 string.
 */
export interface DriftSampleLine {
  model_name: string;
  model_version: string;
  timestamp: number | string;
  features: Record<string, DriftValue>;
  prediction?: DriftValue;
  prediction_id?: string;
}

/** The answer to a samples push: valid lines are stored even when others are refused. */
export interface PushDriftSamplesResponse {
  accepted: number;
  /** 1-based line numbers and why each was refused. */
  rejected: { line: number; message: string }[];
}

/**
 * What production data is compared with: the baseline recorded for the version (`recorded`),
 * the same window one week or one year earlier, or the `rolling_ms` of production data just
 * before the window.
 */
export type DriftReferenceChoice = 'recorded' | 'last_week' | 'last_year' | 'rolling';

/**
 * POST `${NATIVE_API_PREFIX}/drift/reports`: compare a window of the version's samples, by time
 * (`from`/`to`, epoch ms; default the last 24 hours) or by count (`last`: the newest N samples).
 */
export interface CreateDriftReportRequest {
  model_name: string;
  model_version: string;
  from?: number;
  to?: number;
  last?: number;
  reference?: DriftReferenceChoice;
  rolling_ms?: number;
  /** A specific baseline instead of the version's newest (`reference: recorded`). */
  baseline_id?: string;
  column_specs?: Record<string, DriftColumnSpec>;
}

export type PsiBand = 'stable' | 'investigate' | 'significant';

export interface FeatureDrift {
  feature: string;
  type: DriftColumnType;
  is_prediction: boolean;
  stattest: DriftStatTest;
  /**
   * The chosen statistic: a p-value for `ks`, `chisquare` and `z`, else the distance. NaN when the
   * window has no values of the feature's type (a numerical column arriving as text); JSON
   * carries it as null, so clients read `number | null` here, and in `psi`.
   */
  statistic: number;
  threshold: number;
  drifted: boolean;
  /** PSI on ten reference-quantile bins (numerical) or the categories, and its seed band. */
  psi: number;
  psi_band: PsiBand;
  /** Numerical features: the KS statistic and its p-value (what the KS alert rule reads). */
  ks_statistic?: number;
  ks_p_value?: number;
  reference_count: number;
  current_count: number;
  current_missing: number;
}

export interface DriftReport {
  report_id: string;
  model_name: string;
  model_version: string;
  reference: { kind: DriftReferenceChoice; baseline_id?: string; from?: number; to?: number; count: number };
  window: { from: number; to: number; count: number };
  created_time: number;
  features: FeatureDrift[];
  drifted_features: number;
  /** Share of drifted features; the dataset drifted when it reaches `drift_share_threshold`. */
  drift_share: number;
  drift_share_threshold: number;
  dataset_drift: boolean;
  /** Alerts raised or refreshed by this report. */
  alert_ids: string[];
}

/**
 * POST `${NATIVE_API_PREFIX}/drift/reports` answers the report computed;
 * GET `${NATIVE_API_PREFIX}/drift/reports/get?report_id=` one stored report.
 */
export interface DriftReportResponse {
  report: DriftReport;
}

/** GET `${NATIVE_API_PREFIX}/drift/reports?model_name=&model_version=`: newest first (at most 50). */
export interface DriftReportsResponse {
  reports: DriftReport[];
}

/**
 * One feature's reference and current distributions on the same bins, each side as shares of its
 * non-missing values. Numerical: `edges` (one more than the bins, ascending); categorical:
 * `categories` (the most common of both sides; the last may be `(other)`).
 */
export interface FeatureHistogram {
  feature: string;
  type: DriftColumnType;
  edges?: number[];
  categories?: string[];
  reference: number[];
  current: number[];
}

/** GET `${NATIVE_API_PREFIX}/drift/reports/histograms?report_id=`: the report's features, binned. */
export interface DriftReportHistogramsResponse {
  report_id: string;
  features: FeatureHistogram[];
}
