/**
 * Migration 12: A/B tests and business metrics. A test keeps its definition (arms, salt, primary
 * metric and power analysis) as JSON and one outcome per user, with the arm the user's hash gave.
 * A business metric is defined once (which way is better, and a PromQL query or pushed values);
 * pushed values are kept per model version and time.
 */
export const abTestsBusinessMetricsSchemaV12 = `
CREATE TABLE ab_tests (
  name TEXT PRIMARY KEY,
  model_name TEXT,
  definition TEXT NOT NULL,
  created_time INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE ab_observations (
  test_name TEXT NOT NULL REFERENCES ab_tests (name) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  arm TEXT NOT NULL,
  value REAL NOT NULL,
  time INTEGER NOT NULL,
  PRIMARY KEY (test_name, user_id)
) WITHOUT ROWID;

CREATE INDEX ab_observations_by_arm ON ab_observations (test_name, arm);

CREATE TABLE business_metrics (
  name TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
  promql TEXT,
  window_seconds INTEGER NOT NULL,
  description TEXT,
  updated_time INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE business_metric_values (
  name TEXT NOT NULL REFERENCES business_metrics (name) ON DELETE CASCADE,
  model_name TEXT NOT NULL,
  model_version TEXT NOT NULL,
  time INTEGER NOT NULL,
  value REAL NOT NULL
);

CREATE INDEX business_metric_values_by_version
  ON business_metric_values (name, model_name, model_version, time);
`;
