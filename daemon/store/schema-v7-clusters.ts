/**
 * Migration 7: what the daemon keeps about the user's clusters: which kubeconfig contexts are
 * watched and which are production, the failures seen there with their evidence, and compact
 * periodic snapshots of each watched context (freshness, counts, GPU units per resource).
 */
export const clustersSchemaV7 = `
CREATE TABLE cluster_contexts (
  name TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL DEFAULT 0,
  production INTEGER NOT NULL DEFAULT 0,
  updated_time INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE cluster_failures (
  context TEXT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT NOT NULL,
  pod TEXT,
  container TEXT,
  node TEXT,
  workload TEXT,
  manifest TEXT,
  message TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (context, id)
) WITHOUT ROWID;
CREATE INDEX cluster_failures_by_time ON cluster_failures (context, first_seen DESC);

CREATE TABLE cluster_snapshots (
  context TEXT NOT NULL,
  time INTEGER NOT NULL,
  state TEXT NOT NULL,
  nodes INTEGER NOT NULL,
  pods INTEGER NOT NULL,
  gpu TEXT NOT NULL,
  PRIMARY KEY (context, time)
) WITHOUT ROWID;
`;
