/**
 * Drift baselines in the store: a row per baseline and one per feature, numerical points kept
 * as a float64 BLOB. Plain statements; callers wrap them in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type {
  DataSchema,
  DriftBaseline,
  DriftBaselineFeature,
  DriftBaselineSource,
} from '../api/contract.ts';
import type { ReferenceSummary } from '../drift/reference-summary.ts';
import { notFound } from './tracking-error.ts';

export interface NewBaseline {
  modelName: string;
  modelVersion?: string;
  runId?: string;
  source: DriftBaselineSource;
  rowCount: number;
  predictionColumn?: string;
  features: ReadonlyMap<string, ReferenceSummary>;
  /** The training data's schema; baselines recorded before migration 11 have none. */
  dataSchema?: DataSchema;
}

/** A stored baseline with its summaries, ready to compare against. */
export interface LoadedBaseline {
  info: DriftBaseline;
  predictionColumn?: string;
  features: Map<string, ReferenceSummary>;
  dataSchema?: DataSchema;
}

interface BaselineRow {
  baseline_id: number;
  model_name: string;
  model_version: string | null;
  run_id: string | null;
  source: DriftBaselineSource;
  row_count: number;
  prediction_column: string | null;
  created_time: number;
  data_schema: string | null;
}

interface FeatureRow {
  name: string;
  type: 'numerical' | 'categorical';
  count: number;
  missing: number;
  mean: number | null;
  std: number | null;
  points: Buffer | null;
  categories: string | null;
}

export class DriftBaselineRecords {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  insert(baseline: NewBaseline): string {
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO drift_baselines (model_name, model_version, run_id, source, row_count, prediction_column, created_time, data_schema)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        baseline.modelName,
        baseline.modelVersion ?? null,
        baseline.runId ?? null,
        baseline.source,
        baseline.rowCount,
        baseline.predictionColumn ?? null,
        this.#now(),
        baseline.dataSchema === undefined ? null : JSON.stringify(baseline.dataSchema),
      );
    const insertFeature = this.#db.prepare(
      `INSERT INTO drift_baseline_features (baseline_id, name, type, count, missing, mean, std, points, categories)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [name, summary] of baseline.features) {
      if (summary.type === 'numerical') {
        const points = Buffer.from(
          summary.points.buffer,
          summary.points.byteOffset,
          summary.points.byteLength,
        );
        insertFeature.run(
          lastInsertRowid,
          name,
          'numerical',
          summary.count,
          summary.missing,
          nullable(summary.mean),
          nullable(summary.std),
          points,
          null,
        );
      } else {
        const categories = JSON.stringify(Object.fromEntries(summary.counts));
        insertFeature.run(
          lastInsertRowid,
          name,
          'categorical',
          summary.count,
          summary.missing,
          null,
          null,
          null,
          categories,
        );
      }
    }
    return String(lastInsertRowid);
  }

  load(baselineId: string): LoadedBaseline {
    const row = this.#db
      .prepare('SELECT * FROM drift_baselines WHERE baseline_id = ?')
      .get(Number(baselineId)) as BaselineRow | undefined;
    if (row === undefined) throw notFound(`Drift baseline '${baselineId}' does not exist.`);
    const features = new Map<string, ReferenceSummary>();
    const rows = this.#db
      .prepare('SELECT * FROM drift_baseline_features WHERE baseline_id = ? ORDER BY name')
      .all(row.baseline_id) as FeatureRow[];
    for (const feature of rows) features.set(feature.name, summaryOf(feature));
    const loaded: LoadedBaseline = { info: infoOf(row, rows), features };
    if (row.prediction_column !== null) loaded.predictionColumn = row.prediction_column;
    if (row.data_schema !== null) loaded.dataSchema = JSON.parse(row.data_schema) as DataSchema;
    return loaded;
  }

  /**
   * The baseline a version is compared with: the newest recorded for that version, else the
   * newest recorded with the run that produced it, else the newest for the model without a version.
   */
  forVersion(modelName: string, modelVersion: string): string | undefined {
    const row = this.#db
      .prepare(
        `SELECT b.baseline_id FROM drift_baselines b
         WHERE b.model_name = @name AND (
           b.model_version = @version
           OR b.run_id IN (SELECT run_id FROM model_versions WHERE name = @name AND CAST(version AS TEXT) = @version)
           OR b.model_version IS NULL)
         ORDER BY (b.model_version = @version) DESC,
                  (b.run_id IN (SELECT run_id FROM model_versions WHERE name = @name AND CAST(version AS TEXT) = @version)) DESC,
                  b.created_time DESC, b.baseline_id DESC
         LIMIT 1`,
      )
      .get({ name: modelName, version: modelVersion }) as { baseline_id: number } | undefined;
    return row === undefined ? undefined : String(row.baseline_id);
  }

  list(modelName?: string): DriftBaseline[] {
    const rows = (
      modelName === undefined
        ? this.#db
            .prepare('SELECT * FROM drift_baselines ORDER BY created_time DESC, baseline_id DESC LIMIT 200')
            .all()
        : this.#db
            .prepare(
              'SELECT * FROM drift_baselines WHERE model_name = ? ORDER BY created_time DESC, baseline_id DESC LIMIT 200',
            )
            .all(modelName)
    ) as BaselineRow[];
    const featureRows = this.#db.prepare(
      'SELECT * FROM drift_baseline_features WHERE baseline_id = ? ORDER BY name',
    );
    return rows.map((row) => infoOf(row, featureRows.all(row.baseline_id) as FeatureRow[]));
  }
}

function nullable(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function summaryOf(row: FeatureRow): ReferenceSummary {
  if (row.type === 'categorical') {
    const counts = new Map(Object.entries(JSON.parse(row.categories ?? '{}') as Record<string, number>));
    return { type: 'categorical', count: row.count, missing: row.missing, counts };
  }
  const bytes = row.points ?? Buffer.alloc(0);
  const points = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(points.buffer).set(bytes);
  return {
    type: 'numerical',
    count: row.count,
    missing: row.missing,
    mean: row.mean ?? Number.NaN,
    std: row.std ?? Number.NaN,
    points,
  };
}

function infoOf(row: BaselineRow, features: FeatureRow[]): DriftBaseline {
  const info: DriftBaseline = {
    baseline_id: String(row.baseline_id),
    model_name: row.model_name,
    source: row.source,
    created_time: row.created_time,
    row_count: row.row_count,
    features: features.map((feature) => featureInfo(feature, row.prediction_column)),
  };
  if (row.model_version !== null) info.model_version = row.model_version;
  if (row.run_id !== null) info.run_id = row.run_id;
  return info;
}

function featureInfo(row: FeatureRow, predictionColumn: string | null): DriftBaselineFeature {
  const info: DriftBaselineFeature = {
    name: row.name,
    type: row.type,
    count: row.count,
    missing: row.missing,
    is_prediction: row.name === predictionColumn,
  };
  if (row.type === 'categorical') {
    info.categories = Object.keys(JSON.parse(row.categories ?? '{}') as object).length;
    return info;
  }
  if (row.mean !== null) info.mean = row.mean;
  if (row.std !== null) info.std = row.std;
  if (row.points !== null) {
    const points = summaryOf(row);
    if (points.type === 'numerical' && points.points.length > 0) {
      info.min = points.points[0];
      info.max = points.points[points.points.length - 1];
      info.stored_points = points.points.length;
    }
  }
  return info;
}
