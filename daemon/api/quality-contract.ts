/**
 * Data quality: the training schema, and the checks of production data against it and against
 * Great Expectations suites. Types only.
 */

/** The type of a column in a data schema, as its values hold it. */
export type DataColumnType = 'number' | 'string' | 'boolean';

/**
 * One column of the training data's schema, recorded with a baseline: its type, how often it is
 * null, its range (numbers), its categories (strings, while there are at most 1,000) and its
 * text lengths (strings).
 */
export interface DataSchemaColumn {
  name: string;
  type: DataColumnType;
  null_rate: number;
  min?: number;
  max?: number;
  categories?: string[];
  min_length?: number;
  max_length?: number;
}

export interface DataSchema {
  row_count: number;
  columns: DataSchemaColumn[];
}

export type DataCheckKind =
  | 'missing_column'
  | 'extra_column'
  | 'type_change'
  | 'null_spike'
  | 'out_of_range'
  | 'unseen_category'
  | 'text_length';

/**
 * One data-quality check on a window: the offending rows (exact), their share of the rows
 * checked, the threshold that share is judged against (`null_spike`: the allowed rise of the
 * null rate over training's), and up to 5 offending values, each cut to 40 characters.
 */
export interface DataCheckResult {
  check: DataCheckKind;
  column: string;
  verdict: 'pass' | 'fail';
  threshold: number;
  observed: number;
  offending_rows: number;
  rows: number;
  examples: string[];
  detail: string;
}

/** One expectation of a Great Expectations suite, as evaluated on a window. */
export interface ExpectationResult {
  expectation_type: string;
  kwargs: Record<string, unknown>;
  /** `not_evaluated`: an expectation type this product does not implement; never counted as passed. */
  verdict: 'pass' | 'fail' | 'not_evaluated';
  unexpected_count?: number;
  element_count?: number;
  examples?: string[];
  detail: string;
}

export interface ExpectationSuiteResult {
  suite_name: string;
  evaluated: number;
  failed: number;
  not_evaluated: number;
  results: ExpectationResult[];
}

/**
 * POST `${NATIVE_API_PREFIX}/quality/reports`: checks a window of the version's samples (by time,
 * `from`/`to`, default the last 24 hours, or the newest `last`) against the schema recorded with
 * its baseline and the inputs of its registry signature, and against a Great Expectations suite
 * (`expectation_suite`: the suite's JSON object, or `expectation_suite_file`: a path to it).
 */
export interface CreateQualityReportRequest {
  model_name: string;
  model_version: string;
  from?: number;
  to?: number;
  last?: number;
  baseline_id?: string;
  expectation_suite?: unknown;
  expectation_suite_file?: string;
}

export interface QualityReport {
  model_name: string;
  model_version: string;
  created_time: number;
  window: { from: number; to: number; count: number };
  baseline_id?: string;
  /** The columns the registry signature declares as inputs, when the version has one. */
  signature_columns?: string[];
  checks: DataCheckResult[];
  failed_checks: number;
  expectations?: ExpectationSuiteResult;
  alert_ids: string[];
}

export interface QualityReportResponse {
  report: QualityReport;
}
