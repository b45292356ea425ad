/**
 * Production samples and drift reports in the store. Samples keep their features and
 * prediction as JSON; a window is read back by time or as the newest N. Plain statements;
 * callers wrap them in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type { DriftReport, DriftValue } from '../api/contract.ts';
import { notFound } from './tracking-error.ts';

export interface DriftSample {
  modelName: string;
  modelVersion: string;
  time: number;
  predictionId?: string;
  features: Record<string, DriftValue>;
  prediction?: DriftValue;
}

/** One stored sample as a window reads it. */
export interface WindowSample {
  time: number;
  features: Record<string, DriftValue>;
  prediction: DriftValue | undefined;
}

export type SampleWindow = { from: number; to: number } | { last: number };

interface SampleRow {
  time: number;
  features: string;
  prediction: string | null;
}

export class DriftSampleRecords {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  insert(samples: readonly DriftSample[]): void {
    const statement = this.#db.prepare(
      `INSERT INTO drift_samples (model_name, model_version, time, prediction_id, features, prediction, received_time)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const received = this.#now();
    for (const sample of samples) {
      statement.run(
        sample.modelName,
        sample.modelVersion,
        sample.time,
        sample.predictionId ?? null,
        JSON.stringify(sample.features),
        sample.prediction === undefined ? null : JSON.stringify(sample.prediction),
        received,
      );
    }
  }

  /** The version's samples in [from, to) by time, or its newest `last`, oldest first. */
  window(modelName: string, modelVersion: string, window: SampleWindow): WindowSample[] {
    const rows =
      'last' in window
        ? (
            this.#db
              .prepare(
                `SELECT time, features, prediction FROM drift_samples WHERE model_name = ? AND model_version = ?
               ORDER BY time DESC, sample_id DESC LIMIT ?`,
              )
              .all(modelName, modelVersion, window.last) as SampleRow[]
          ).reverse()
        : (this.#db
            .prepare(
              `SELECT time, features, prediction FROM drift_samples
               WHERE model_name = ? AND model_version = ? AND time >= ? AND time < ? ORDER BY time, sample_id`,
            )
            .all(modelName, modelVersion, window.from, window.to) as SampleRow[]);
    return rows.map((row) => ({
      time: row.time,
      features: JSON.parse(row.features) as Record<string, DriftValue>,
      prediction: row.prediction === null ? undefined : (JSON.parse(row.prediction) as DriftValue),
    }));
  }

  /** How many samples of the version fall in [from, to). */
  count(modelName: string, modelVersion: string, window: { from: number; to: number }): number {
    const row = this.#db
      .prepare(
        `SELECT COUNT(*) AS n FROM drift_samples
         WHERE model_name = ? AND model_version = ? AND time >= ? AND time < ?`,
      )
      .get(modelName, modelVersion, window.from, window.to) as { n: number };
    return row.n;
  }

  /**
   * The predictions of `shadowVersion` in [from, to) beside those of `primaryVersion` with the
   * same `prediction_id` (its newest, when an id was pushed twice); samples without a pair are
   * left out.
   */
  predictionPairs(
    modelName: string,
    primaryVersion: string,
    shadowVersion: string,
    window: { from: number; to: number },
  ): { requestId: string; primary: DriftValue; shadow: DriftValue }[] {
    const rows = this.#db
      .prepare(
        `SELECT s.prediction_id AS request_id, s.prediction AS shadow,
           (SELECT p.prediction FROM drift_samples p INDEXED BY drift_samples_by_prediction_id
             WHERE p.prediction_id = s.prediction_id AND p.model_name = s.model_name
               AND p.model_version = ? AND p.prediction IS NOT NULL
             ORDER BY p.sample_id DESC LIMIT 1) AS primary_prediction
         FROM drift_samples s
         WHERE s.model_name = ? AND s.model_version = ? AND s.time >= ? AND s.time < ?
           AND s.prediction_id IS NOT NULL AND s.prediction IS NOT NULL
         ORDER BY s.time, s.sample_id`,
      )
      .all(primaryVersion, modelName, shadowVersion, window.from, window.to) as {
      request_id: string;
      shadow: string;
      primary_prediction: string | null;
    }[];
    return rows.flatMap((row) =>
      row.primary_prediction === null
        ? []
        : [
            {
              requestId: row.request_id,
              primary: JSON.parse(row.primary_prediction) as DriftValue,
              shadow: JSON.parse(row.shadow) as DriftValue,
            },
          ],
    );
  }

  /** How far the folder importer has read a samples file. */
  fileOffset(filePath: string): number {
    const row = this.#db
      .prepare('SELECT byte_offset FROM drift_sample_files WHERE path = ?')
      .get(filePath) as { byte_offset: number } | undefined;
    return row?.byte_offset ?? 0;
  }

  setFileOffset(filePath: string, offset: number): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO drift_sample_files (path, byte_offset) VALUES (?, ?)')
      .run(filePath, offset);
  }

  insertReport(report: Omit<DriftReport, 'report_id'>): string {
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO drift_reports (model_name, model_version, created_time, dataset_drift, drift_share, report)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        report.model_name,
        report.model_version,
        report.created_time,
        report.dataset_drift ? 1 : 0,
        report.drift_share,
        JSON.stringify(report),
      );
    return String(lastInsertRowid);
  }

  /** Saves what only exists after the report row does (its alerts). */
  updateReport(report: DriftReport): void {
    this.#db
      .prepare('UPDATE drift_reports SET report = ? WHERE report_id = ?')
      .run(JSON.stringify(report), Number(report.report_id));
  }

  report(reportId: string): DriftReport {
    const row = this.#db
      .prepare('SELECT report_id, report FROM drift_reports WHERE report_id = ?')
      .get(Number(reportId)) as { report_id: number; report: string } | undefined;
    if (row === undefined) throw notFound(`Drift report '${reportId}' does not exist.`);
    return { ...(JSON.parse(row.report) as DriftReport), report_id: String(row.report_id) };
  }

  reports(modelName: string, modelVersion?: string, limit = 50): DriftReport[] {
    const rows = (
      modelVersion === undefined
        ? this.#db
            .prepare(
              'SELECT report_id, report FROM drift_reports WHERE model_name = ? ORDER BY created_time DESC, report_id DESC LIMIT ?',
            )
            .all(modelName, limit)
        : this.#db
            .prepare(
              `SELECT report_id, report FROM drift_reports WHERE model_name = ? AND model_version = ?
               ORDER BY created_time DESC, report_id DESC LIMIT ?`,
            )
            .all(modelName, modelVersion, limit)
    ) as { report_id: number; report: string }[];
    return rows.map((row) => ({
      ...(JSON.parse(row.report) as DriftReport),
      report_id: String(row.report_id),
    }));
  }
}
