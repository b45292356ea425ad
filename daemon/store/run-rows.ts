/** Reads a run's rows (info, latest metrics, params, tags, dataset inputs) into its API shape. */
import type Database from 'better-sqlite3';
import type {
  DatasetInput,
  KeyValue,
  LifecycleStage,
  Metric,
  Run,
  RunInfo,
  RunStatus,
} from '../api/contract.ts';

export interface RunRow {
  run_id: string;
  experiment_id: number;
  run_name: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time: number | null;
  artifact_uri: string;
  lifecycle_stage: LifecycleStage;
}

export interface MetricRow {
  key: string;
  value: number;
  is_nan: number;
  timestamp: number;
  step: number;
}

export function toMetric(row: MetricRow): Metric {
  return {
    key: row.key,
    value: row.is_nan === 1 ? 'NaN' : row.value,
    timestamp: row.timestamp,
    step: row.step,
  };
}

export function toRunInfo(row: RunRow): RunInfo {
  const info: RunInfo = {
    run_id: row.run_id,
    run_uuid: row.run_id,
    run_name: row.run_name,
    experiment_id: String(row.experiment_id),
    user_id: row.user_id,
    status: row.status,
    start_time: row.start_time,
    artifact_uri: row.artifact_uri,
    lifecycle_stage: row.lifecycle_stage,
  };
  if (row.end_time !== null) info.end_time = row.end_time;
  return info;
}

interface InputRow {
  dataset_id: number;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

/** Prepared once per store; `read` turns a run row into a full run. */
export class RunReader {
  readonly #metrics: Database.Statement;
  readonly #params: Database.Statement;
  readonly #tags: Database.Statement;
  readonly #inputs: Database.Statement;
  readonly #inputTags: Database.Statement;

  constructor(db: Database.Database) {
    this.#metrics = db.prepare(
      'SELECT key, value, is_nan, timestamp, step FROM latest_metrics WHERE run_id = ? ORDER BY key',
    );
    this.#params = db.prepare('SELECT key, value FROM params WHERE run_id = ? ORDER BY key');
    this.#tags = db.prepare('SELECT key, value FROM tags WHERE run_id = ? ORDER BY key');
    this.#inputs = db.prepare(
      `SELECT d.dataset_id, d.name, d.digest, d.source_type, d.source, d.schema, d.profile
       FROM run_inputs i JOIN datasets d ON d.dataset_id = i.dataset_id WHERE i.run_id = ? ORDER BY i.position`,
    );
    this.#inputTags = db.prepare(
      'SELECT key, value FROM run_input_tags WHERE run_id = ? AND dataset_id = ? ORDER BY key',
    );
  }

  read(row: RunRow): Run {
    const inputs = (this.#inputs.all(row.run_id) as InputRow[]).map((input): DatasetInput => ({
      tags: this.#inputTags.all(row.run_id, input.dataset_id) as KeyValue[],
      dataset: {
        name: input.name,
        digest: input.digest,
        source_type: input.source_type,
        source: input.source,
        ...(input.schema !== null ? { schema: input.schema } : {}),
        ...(input.profile !== null ? { profile: input.profile } : {}),
      },
    }));
    return {
      info: toRunInfo(row),
      data: {
        metrics: (this.#metrics.all(row.run_id) as MetricRow[]).map(toMetric),
        params: this.#params.all(row.run_id) as KeyValue[],
        tags: this.#tags.all(row.run_id) as KeyValue[],
      },
      inputs: { dataset_inputs: inputs },
    };
  }
}
