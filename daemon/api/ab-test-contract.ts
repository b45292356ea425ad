/**
 * The A/B test API under `${NATIVE_API_PREFIX}/ab-tests`: create a test (its power analysis is
 * part of the answer), read it, push per-user outcomes, ask a user's arm, and read the results.
 * Types and constants only.
 */

/** How an arm is chosen: sticky, by hashing the user id with the test's salt (docs/ab-tests.md). */
export const AB_ASSIGNMENT_METHOD = 'sha256(salt:user_id)[0:4] big-endian, integer weight bounds';

export interface AbArm {
  name: string;
  /** A positive integer; an arm gets weight / sum of weights of the users. */
  weight: number;
  /** The model version this arm serves, if any. */
  model_version?: string;
}

/** `proportion`: each user's value is 0 or 1 (converted or not); `mean`: any number per user. */
export type AbMetricKind = 'proportion' | 'mean';

export interface AbPrimaryMetric {
  /** A business metric's name (see `business-metrics`) or any other outcome name. */
  name: string;
  kind: AbMetricKind;
  /** Which way is better; taken from the business metric of that name when one is defined. */
  direction: 'higher' | 'lower';
  /** Expected control value: the rate (proportion) or the mean. */
  baseline: number;
  /** Known or estimated standard deviation per user (mean metrics only). */
  standard_deviation?: number;
  /** Smallest absolute difference worth detecting. */
  minimum_detectable_effect: number;
  /** True when the name is a defined business metric. */
  business?: boolean;
}

/** POST `ab-tests` body. */
export interface CreateAbTestRequest {
  name: string;
  model_name?: string;
  /** The first arm is the control. At least two arms. */
  arms: AbArm[];
  primary_metric: Omit<AbPrimaryMetric, 'direction' | 'business'> & { direction?: 'higher' | 'lower' };
  /** Two-sided significance level; default 0.05 (split evenly across the treatments). */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
  /** Default: a random salt chosen once at creation. */
  salt?: string;
}

/** The power analysis, fixed when the test is created. */
export interface AbPowerAnalysis {
  alpha: number;
  /** alpha / number of treatments (Bonferroni), used for each treatment against the control. */
  alpha_per_comparison: number;
  power: number;
  minimum_detectable_effect: number;
  /** Users each arm needs; the smallest arm decides the total. */
  sample_size_per_arm: number;
  total_users: number;
  method: string;
}

export interface AbTest {
  name: string;
  model_name?: string;
  salt: string;
  assignment: string;
  arms: AbArm[];
  primary_metric: AbPrimaryMetric;
  plan: AbPowerAnalysis;
  created_time: number;
}

/** POST `ab-tests/<name>/observations` body: one outcome per user (a later one replaces it). */
export interface PushAbObservationsRequest {
  observations: { user_id: string; value: number; arm?: string }[];
}

export interface PushAbObservationsResponse {
  accepted: number;
  /** Users per arm so far. */
  users: Record<string, number>;
}

/** GET `ab-tests/<name>/assignment?user_id=`. */
export interface AbAssignmentResponse {
  user_id: string;
  arm: string;
}

export interface AbArmResult {
  arm: string;
  users: number;
  /** The conversion rate or mean of the primary metric; absent while the arm has no users. */
  value?: number;
  /** Sample standard deviation (mean metrics, from two users on). */
  standard_deviation?: number;
}

export interface AbComparison {
  arm: string;
  /** treatment − control, with its two-sided confidence interval at 1 − alpha_per_comparison. */
  difference: number;
  ci_low: number;
  ci_high: number;
  confidence: number;
  p_value: number;
  method: string;
}

/**
 * `insufficient-sample`: some arm has fewer users than planned, no winner is declared;
 * `winner`: a treatment (or the control) is significantly better; `no-difference` otherwise.
 */
export type AbVerdict = 'insufficient-sample' | 'winner' | 'no-difference';

/** GET `ab-tests/<name>/results`. */
export interface AbResults {
  name: string;
  metric: AbPrimaryMetric;
  planned_per_arm: number;
  arms: AbArmResult[];
  comparisons: AbComparison[];
  verdict: AbVerdict;
  winner?: string;
  message: string;
}

export interface AbTestsResponse {
  ab_tests: AbTest[];
}
