/**
 * Delayed labels in the store, by prediction id, and the join of a version's predictions to
 * them: the LEFT JOIN probes the labels' primary key once per prediction, so a label joins
 * whether it arrived before or days after its prediction. Plain statements; callers wrap them
 * in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type { DriftValue } from '../api/contract.ts';
import type { OutcomeLabel } from '../outcomes/label-lines.ts';
import type { OutcomeColumns } from '../outcomes/outcome-metrics.ts';

/** The labelled predictions of a window as columns, with the values of the features asked for. */
export interface LabelledColumns extends OutcomeColumns {
  readonly featureValues: readonly (readonly DriftValue[])[];
}

type Window = { from: number; to: number };

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

  /**
   * The version's predictions in [from, to) that have a label and a numeric prediction. The
   * join starts from the labels and finds each one's prediction through the prediction id
   * index, so its cost follows the labels that arrived, not the predictions logged.
   */
  labelled(
    modelName: string,
    modelVersion: string,
    window: Window,
    features: readonly string[] = [],
  ): LabelledColumns {
    const extracts = features.map(() => ", json_extract(s.features, '$.' || json_quote(?))").join('');
    const statement = this.#db
      .prepare(
        `SELECT s.time, s.prediction, l.label${extracts} FROM outcome_labels l
         CROSS JOIN drift_samples s INDEXED BY drift_samples_by_prediction_id
           ON s.prediction_id = l.prediction_id AND s.prediction_id IS NOT NULL
         WHERE s.model_name = ? AND s.model_version = ? AND s.time >= ? AND s.time < ?`,
      )
      .raw(true);
    let times: Float64Array<ArrayBuffer> = new Float64Array(1024);
    let predictions: Float64Array<ArrayBuffer> = new Float64Array(1024);
    let labels: Float64Array<ArrayBuffer> = new Float64Array(1024);
    const featureValues: DriftValue[][] = features.map(() => []);
    let count = 0;
    for (const row of statement.iterate(
      ...features,
      modelName,
      modelVersion,
      window.from,
      window.to,
    ) as Iterable<unknown[]>) {
      const prediction = Number(row[1]);
      if (!Number.isFinite(prediction)) continue;
      if (count === times.length) {
        times = grown(times);
        predictions = grown(predictions);
        labels = grown(labels);
      }
      times[count] = row[0] as number;
      predictions[count] = prediction;
      labels[count] = Number(row[2]);
      for (let f = 0; f < features.length; f += 1) featureValues[f]?.push((row[3 + f] ?? null) as DriftValue);
      count += 1;
    }
    return {
      times: times.subarray(0, count),
      predictions: predictions.subarray(0, count),
      labels: labels.subarray(0, count),
      featureValues,
    };
  }

  /** How many predictions the version logged in [from, to); those without an id can never be labelled. */
  predictionCount(modelName: string, modelVersion: string, window: Window): number {
    const row = this.#db
      .prepare(
        'SELECT COUNT(*) AS n FROM drift_samples WHERE model_name = ? AND model_version = ? AND time >= ? AND time < ?',
      )
      .get(modelName, modelVersion, window.from, window.to) as { n: number };
    return row.n;
  }

  /** One feature's value in each of the version's predictions in [from, to) (null where absent). */
  featureValues(modelName: string, modelVersion: string, window: Window, feature: string): DriftValue[] {
    return this.#db
      .prepare(
        `SELECT json_extract(features, '$.' || json_quote(?)) FROM drift_samples
         WHERE model_name = ? AND model_version = ? AND time >= ? AND time < ?`,
      )
      .pluck(true)
      .all(feature, modelName, modelVersion, window.from, window.to) as DriftValue[];
  }

  /** The time of the version's first prediction with an id, if any. */
  firstPredictionTime(modelName: string, modelVersion: string): number | undefined {
    const row = this.#db
      .prepare(
        'SELECT MIN(time) AS time FROM drift_samples WHERE model_name = ? AND model_version = ? AND prediction_id IS NOT NULL',
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

function grown(array: Float64Array): Float64Array<ArrayBuffer> {
  const larger = new Float64Array(array.length * 2);
  larger.set(array);
  return larger;
}
