/**
 * Writes to a run: metrics (appended; an identical point logged twice is kept once, so client
 * retries are harmless), params (write-once), tags (last write wins), dataset inputs and the
 * log-model history. Callers wrap each request in one transaction.
 */
import type Database from 'better-sqlite3';
import type { DatasetInput, KeyValue } from '../api/contract.ts';
import { BucketAccumulator } from './metric-buckets.ts';
import { RUN_NAME_TAG, type RunStore } from './run-store.ts';
import { invalidParameter, notFound } from './tracking-error.ts';
import {
  MAX_PARAM_VALUE_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  validateBatchLimits,
  validateEntityKey,
  validateValueLength,
} from './tracking-limits.ts';

/** A point as a client logs it; `value` may be NaN or ±Infinity. */
export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface BatchInput {
  metrics?: MetricPoint[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

export const LOG_MODEL_HISTORY_TAG = 'mlflow.log-model.history';

interface StoredPoint {
  value: number;
  isNan: 0 | 1;
}

/** SQLite has no NaN and MLflow stores ±inf as ±max double. */
export function storedValue(value: number): StoredPoint {
  if (Number.isNaN(value)) return { value: 0, isNan: 1 };
  if (value === Infinity) return { value: Number.MAX_VALUE, isNan: 0 };
  if (value === -Infinity) return { value: -Number.MAX_VALUE, isNan: 0 };
  return { value, isNan: 0 };
}

export class RunLogging {
  readonly #db: Database.Database;
  readonly #runs: RunStore;
  readonly #insertMetric: Database.Statement;
  readonly #upsertLatest: Database.Statement;
  readonly #paramValue: Database.Statement;
  readonly #insertParam: Database.Statement;
  readonly #setTag: Database.Statement;

  constructor(db: Database.Database, runs: RunStore) {
    this.#db = db;
    this.#runs = runs;
    this.#insertMetric = db.prepare(
      'INSERT OR IGNORE INTO metrics (run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#upsertLatest = db.prepare(
      `INSERT INTO latest_metrics (run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, key) DO UPDATE SET
         step = excluded.step, timestamp = excluded.timestamp, value = excluded.value, is_nan = excluded.is_nan
       WHERE (excluded.step, excluded.timestamp, excluded.value) >
             (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value)`,
    );
    this.#paramValue = db.prepare('SELECT value FROM params WHERE run_id = ? AND key = ?');
    this.#insertParam = db.prepare('INSERT OR IGNORE INTO params (run_id, key, value) VALUES (?, ?, ?)');
    this.#setTag = db.prepare('INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)');
  }

  logBatch(runId: string, batch: BatchInput): void {
    const metrics = batch.metrics ?? [];
    const params = batch.params ?? [];
    const tags = batch.tags ?? [];
    validateBatchLimits(metrics.length, params.length, tags.length);
    this.#runs.requireActive(runId);
    metrics.forEach((m) => validateEntityKey('metric', m.key));
    validateParams(params);
    validateTags(tags);
    this.#writeParams(runId, params);
    this.#writeMetrics(runId, metrics);
    this.#writeTags(runId, tags);
  }

  deleteTag(runId: string, key: string): void {
    this.#runs.requireActive(runId);
    const result = this.#db.prepare('DELETE FROM tags WHERE run_id = ? AND key = ?').run(runId, key);
    if (result.changes === 0) throw notFound(`No tag with name: ${key} in run with id ${runId}`);
  }

  logInputs(runId: string, inputs: DatasetInput[]): void {
    const run = this.#runs.requireActive(runId);
    const findDataset = this.#db.prepare(
      'SELECT dataset_id FROM datasets WHERE experiment_id = ? AND name = ? AND digest = ?',
    );
    const insertDataset = this.#db.prepare(
      `INSERT INTO datasets (experiment_id, name, digest, source_type, source, schema, profile)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const position = this.#db.prepare('SELECT count(*) AS n FROM run_inputs WHERE run_id = ?');
    const link = this.#db.prepare(
      'INSERT OR IGNORE INTO run_inputs (run_id, dataset_id, position) VALUES (?, ?, ?)',
    );
    const tag = this.#db.prepare(
      'INSERT OR REPLACE INTO run_input_tags (run_id, dataset_id, key, value) VALUES (?, ?, ?, ?)',
    );
    for (const input of inputs) {
      const d = input.dataset;
      const found = findDataset.get(run.experiment_id, d.name, d.digest) as
        { dataset_id: number } | undefined;
      const datasetId =
        found?.dataset_id ??
        Number(
          insertDataset.run(
            run.experiment_id,
            d.name,
            d.digest,
            d.source_type,
            d.source,
            d.schema ?? null,
            d.profile ?? null,
          ).lastInsertRowid,
        );
      link.run(runId, datasetId, (position.get(runId) as { n: number }).n);
      for (const t of input.tags) tag.run(runId, datasetId, t.key, t.value);
    }
  }

  /** Appends a model's MLmodel dictionary to the run's `mlflow.log-model.history` tag. */
  logModel(runId: string, modelJson: string): void {
    this.#runs.requireActive(runId);
    let model: unknown;
    try {
      model = JSON.parse(modelJson);
    } catch {
      throw invalidParameter(`Invalid value for parameter 'model_json': not valid JSON.`);
    }
    if (typeof model !== 'object' || model === null || Array.isArray(model)) {
      throw invalidParameter(`Invalid value for parameter 'model_json': expected a JSON object.`);
    }
    const current = this.#tagValue(runId, LOG_MODEL_HISTORY_TAG);
    const history = current === undefined ? [] : (JSON.parse(current) as unknown[]);
    history.push(model);
    this.#setTag.run(runId, LOG_MODEL_HISTORY_TAG, JSON.stringify(history));
  }

  #tagValue(runId: string, key: string): string | undefined {
    const row = this.#db.prepare('SELECT value FROM tags WHERE run_id = ? AND key = ?').get(runId, key) as
      { value: string } | undefined;
    return row?.value;
  }

  #writeParams(runId: string, params: KeyValue[]): void {
    for (const param of params) {
      const existing = this.#paramValue.get(runId, param.key) as { value: string } | undefined;
      if (existing !== undefined && existing.value !== param.value) {
        throw invalidParameter(
          `Changing param values is not allowed. Param with key='${param.key}' was already logged with ` +
            `value='${existing.value}' for run ID='${runId}'. Attempted logging new value '${param.value}'.`,
        );
      }
      if (existing === undefined) this.#insertParam.run(runId, param.key, param.value);
    }
  }

  #writeMetrics(runId: string, metrics: MetricPoint[]): void {
    const latest = new Map<string, { step: number; timestamp: number; stored: StoredPoint }>();
    const buckets = new BucketAccumulator();
    for (const metric of metrics) {
      const stored = storedValue(metric.value);
      const inserted = this.#insertMetric.run(
        runId,
        metric.key,
        metric.step,
        metric.timestamp,
        stored.value,
        stored.isNan,
      );
      if (inserted.changes === 1) {
        buckets.add(metric.key, metric.step, metric.timestamp, stored.value, stored.isNan === 1);
      }
      const best = latest.get(metric.key);
      if (best === undefined || comparePoints(metric.step, metric.timestamp, stored.value, best) > 0) {
        latest.set(metric.key, { step: metric.step, timestamp: metric.timestamp, stored });
      }
    }
    for (const [key, point] of latest) {
      this.#upsertLatest.run(runId, key, point.step, point.timestamp, point.stored.value, point.stored.isNan);
    }
    buckets.flush(this.#db, runId);
  }

  #writeTags(runId: string, tags: KeyValue[]): void {
    for (const tag of tags) {
      this.#setTag.run(runId, tag.key, tag.value);
      if (tag.key === RUN_NAME_TAG) {
        this.#db.prepare('UPDATE runs SET run_name = ? WHERE run_id = ?').run(tag.value, runId);
      }
    }
  }
}

function comparePoints(
  step: number,
  timestamp: number,
  value: number,
  other: { step: number; timestamp: number; stored: StoredPoint },
): number {
  return step - other.step || timestamp - other.timestamp || value - other.stored.value;
}

function validateParams(params: KeyValue[]): void {
  const seen = new Map<string, string>();
  for (const param of params) {
    validateEntityKey('param', param.key);
    validateValueLength('param', param.key, param.value, MAX_PARAM_VALUE_LENGTH);
    const earlier = seen.get(param.key);
    if (earlier !== undefined && earlier !== param.value) {
      throw invalidParameter(
        `Duplicate parameter keys have been submitted: ['${param.key}']. Please ensure the request ` +
          'contains only one param value per param key.',
      );
    }
    seen.set(param.key, param.value);
  }
}

function validateTags(tags: KeyValue[]): void {
  for (const tag of tags) {
    validateEntityKey('tag', tag.key);
    validateValueLength('tag', tag.key, tag.value, MAX_TAG_VALUE_LENGTH);
  }
}
