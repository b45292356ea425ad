/**
 * Migration 11: data quality and delayed outcomes. A baseline may carry the training data's
 * schema (JSON; old baselines have none). Production samples are indexed by prediction id, so
 * labels that arrive days later join to their prediction; labels are kept by prediction id,
 * whatever the order in which they and their predictions arrive.
 */
export const qualityOutcomesSchemaV11 = `
ALTER TABLE drift_baselines ADD COLUMN data_schema TEXT;

CREATE INDEX drift_samples_by_prediction_id ON drift_samples (prediction_id)
  WHERE prediction_id IS NOT NULL;

CREATE TABLE outcome_labels (
  prediction_id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  label_time INTEGER NOT NULL,
  received_time INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE outcome_label_files (
  path TEXT PRIMARY KEY,
  byte_offset INTEGER NOT NULL
) WITHOUT ROWID;
`;
