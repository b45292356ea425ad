/**
 * Migration 10: deployments of model versions to cluster contexts, their progress events, and
 * deployment actions in the registry audit log (the table is rebuilt because SQLite cannot widen
 * a CHECK constraint in place).
 */
export const deploymentsSchemaV10 = `
CREATE TABLE deployments (
  id TEXT PRIMARY KEY,
  model_name TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  previous_version INTEGER,
  context TEXT NOT NULL,
  namespace TEXT NOT NULL,
  service_name TEXT NOT NULL,
  strategy TEXT NOT NULL,
  runtime TEXT NOT NULL,
  state TEXT NOT NULL,
  traffic_percent INTEGER NOT NULL,
  reason TEXT,
  plan_json TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_time INTEGER NOT NULL,
  updated_time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX deployments_by_model ON deployments (model_name, model_version);
CREATE INDEX deployments_by_state ON deployments (state);

CREATE TABLE deployment_events (
  id INTEGER PRIMARY KEY,
  deployment_id TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  time INTEGER NOT NULL,
  state TEXT NOT NULL,
  traffic_percent INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX deployment_events_by_deployment ON deployment_events (deployment_id, id);

CREATE TABLE registry_audit_v10 (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  name TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('set_alias', 'delete_alias', 'transition_stage', 'deploy', 'promote_deployment', 'roll_back_deployment')),
  alias TEXT,
  version INTEGER,
  previous_version INTEGER,
  from_stage TEXT,
  to_stage TEXT,
  deployment_id TEXT
);
INSERT INTO registry_audit_v10 (id, time, actor, name, action, alias, version, previous_version, from_stage, to_stage)
  SELECT id, time, actor, name, action, alias, version, previous_version, from_stage, to_stage FROM registry_audit;
DROP TABLE registry_audit;
ALTER TABLE registry_audit_v10 RENAME TO registry_audit;
CREATE INDEX registry_audit_by_model ON registry_audit (name, time);
`;
