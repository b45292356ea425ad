/**
 * Versioned schema migrations, tracked in `PRAGMA user_version`. Before a database that
 * already holds data is migrated, a consistent copy is written beside it
 * (`<file>.backup-v<from>-<time>`), so a failed or unwanted upgrade can be undone by hand.
 */
import type Database from 'better-sqlite3';
import { DatabaseOpenError } from './database-errors.ts';
import { trackingSchemaV1 } from './schema-v1-tracking.ts';
import { registrySchemaV2 } from './schema-v2-registry.ts';
import { backfillMetricBuckets, metricBucketsSchemaV3 } from './schema-v3-metric-buckets.ts';
import { backfillModelMetadata } from './model-metadata-backfill.ts';
import { modelMetadataSchemaV4 } from './schema-v4-model-metadata.ts';
import { workspaceImportsSchemaV5 } from './schema-v5-workspace-imports.ts';
import { prometheusSettingsSchemaV6 } from './schema-v6-prometheus-settings.ts';
import { clustersSchemaV7 } from './schema-v7-clusters.ts';
import { driftSchemaV8 } from './schema-v8-drift.ts';
import { servingModelSchemaV9 } from './schema-v9-serving-model.ts';
import { deploymentsSchemaV10 } from './schema-v10-deployments.ts';
import { qualityOutcomesSchemaV11 } from './schema-v11-quality-outcomes.ts';
import { abTestsBusinessMetricsSchemaV12 } from './schema-v12-ab-tests-business-metrics.ts';

export interface Migration {
  readonly version: number;
  readonly description: string;
  apply(db: Database.Database, now: number): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'tracking: experiments, runs, metrics, params, tags, inputs, artifacts',
    apply(db, now) {
      db.exec(trackingSchemaV1);
      // MLflow clients that set no experiment log to experiment "0", named "Default".
      db.prepare(
        `INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time)
         VALUES (0, 'Default', 'mlflow-artifacts:/0', ?, ?)`,
      ).run(now, now);
    },
  },
  {
    version: 2,
    description: 'model registry: registered models, versions, tags, aliases, audit log',
    apply(db) {
      db.exec(registrySchemaV2);
    },
  },
  {
    version: 3,
    description: 'metric step buckets for fast downsampled histories',
    apply(db) {
      db.exec(metricBucketsSchemaV3);
      backfillMetricBuckets(db);
    },
  },
  {
    version: 4,
    description: 'model version metadata and provenance; datasets to runs index',
    apply(db) {
      db.exec(modelMetadataSchemaV4);
      backfillModelMetadata(db);
    },
  },
  {
    version: 5,
    description: 'workspace folders; imported metric offsets, DVC outputs, artifact digests',
    apply(db) {
      db.exec(workspaceImportsSchemaV5);
    },
  },
  {
    version: 6,
    description: "each cluster context's Prometheus settings",
    apply(db) {
      db.exec(prometheusSettingsSchemaV6);
    },
  },
  {
    version: 7,
    description: 'cluster contexts watched and production; failures with evidence; cluster snapshots',
    apply(db) {
      db.exec(clustersSchemaV7);
    },
  },
  {
    version: 8,
    description: 'drift baselines, production samples, drift reports; alerts and their history',
    apply(db) {
      db.exec(driftSchemaV8);
    },
  },
  {
    version: 9,
    description: "the model version each context's serving metrics belong to",
    apply(db) {
      db.exec(servingModelSchemaV9);
    },
  },
  {
    version: 10,
    description: 'deployments of model versions and their events; deployment actions in the audit log',
    apply(db) {
      db.exec(deploymentsSchemaV10);
    },
  },
  {
    version: 11,
    description: 'data schemas of baselines; production samples by prediction id; delayed outcome labels',
    apply(db) {
      db.exec(qualityOutcomesSchemaV11);
    },
  },
  {
    version: 12,
    description: 'A/B tests and their per-user outcomes; business metrics and their pushed values',
    apply(db) {
      db.exec(abTestsBusinessMetricsSchemaV12);
    },
  },
];

export interface MigrationReport {
  from: number;
  to: number;
  backupPath: string | undefined;
}

export function migrate(
  db: Database.Database,
  dbPath: string,
  now: number,
  all: readonly Migration[] = migrations,
): MigrationReport {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = all.reduce((max, m) => Math.max(max, m.version), 0);
  if (from > latest) {
    throw new DatabaseOpenError(
      'too-new',
      `${dbPath} has schema version ${from}, newer than this daemon understands (${latest}). Update MLOps Lens.`,
    );
  }
  const pending = all.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from, backupPath: undefined };
  let backupPath: string | undefined;
  if (from > 0 && dbPath !== ':memory:') {
    backupPath = `${dbPath}.backup-v${from}-${now}`;
    db.prepare('VACUUM INTO ?').run(backupPath);
  }
  for (const migration of pending) {
    db.transaction(() => {
      migration.apply(db, now);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: latest, backupPath };
}
