/**
 * Delayed labels in the store, by prediction id, and the join of a version's predictions to
 * them: the LEFT JOIN probes the labels' primary key once per prediction, so a label joins
 * whether it arrived before or days after its prediction. Plain statements; callers wrap them
 * in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type { DriftValue } from '../api/contract.ts';
import type { OutcomeLabel } from '../outcomes/label-lines.ts';

/** One logged prediction with its label, when one has arrived. */
export interface LabelledPrediction {
  time: number;
  features: Record<string, DriftValue>;
  prediction: DriftValue | undefined;
  label: number | undefined;
}

interface JoinedRow {
  time: number;
  features: string;
  prediction: string | null;
  label: string | null;
}

export class OutcomeLabelRecords {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** Stores labels; a later label for the same prediction id replaces the earlier. */
  insert(labels: readonly OutcomeLabel[]): void {
    const statement = this.#db.prepare(
      `INSERT INTO outcome_labels (prediction_id, label, label_time, received_time) VALUES (?, ?, ?, ?)
       ON CONFLICT (prediction_id) DO UPDATE SET label = excluded.label, label_time = excluded.label_time,
         received_time = excluded.received_time`,
    );
    const received = this.#now();
    for (const label of labels)
      statement.run(label.predictionId, JSON.stringify(label.label), label.time, received);
  }

  /** The version's predictions with an id in [from, to), oldest first, each with its label if any. */
  joined(
    modelName: string,
    modelVersion: string,
    window: { from: number; to: number },
  ): LabelledPrediction[] {
    const rows = this.#db
      .prepare(
        `SELECT s.time, s.features, s.prediction, l.label FROM drift_samples s
         LEFT JOIN outcome_labels l ON l.prediction_id = s.prediction_id
         WHERE s.model_name = ? AND s.model_version = ? AND s.time >= ? AND s.time < ?
           AND s.prediction_id IS NOT NULL
         ORDER BY s.time, s.sample_id`,
      )
      .all(modelName, modelVersion, window.from, window.to) as JoinedRow[];
    return rows.map((row) => ({
      time: row.time,
      features: JSON.parse(row.features) as Record<string, DriftValue>,
      prediction: row.prediction === null ? undefined : (JSON.parse(row.prediction) as DriftValue),
      label: row.label === null ? undefined : (JSON.parse(row.label) as number),
    }));
  }

  /** The time of the version's first prediction with an id, if any. */
  firstPredictionTime(modelName: string, modelVersion: string): number | undefined {
    const row = this.#db
      .prepare(
        `SELECT MIN(time) AS time FROM drift_samples WHERE model_name = ? AND model_version = ? AND prediction_id IS NOT NULL`,
      )
      .get(modelName, modelVersion) as { time: number | null };
    return row.time ?? undefined;
  }

  fileOffset(filePath: string): number {
    const row = this.#db
      .prepare('SELECT byte_offset FROM outcome_label_files WHERE path = ?')
      .get(filePath) as { byte_offset: number } | undefined;
    return row?.byte_offset ?? 0;
  }

  setFileOffset(filePath: string, offset: number): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO outcome_label_files (path, byte_offset) VALUES (?, ?)')
      .run(filePath, offset);
  }
}
