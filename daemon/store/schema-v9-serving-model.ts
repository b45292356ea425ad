/** Migration 9: the model version a context's serving metrics belong to (serving alerts name it). */
export const servingModelSchemaV9 = `
ALTER TABLE prometheus_settings ADD COLUMN serving_model_name TEXT;
ALTER TABLE prometheus_settings ADD COLUMN serving_model_version TEXT;
`;
