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

const RUN_IDS = 'SELECT value FROM json_each(?)';

/** Rows of a child table grouped by run id. */
function groupByRun<T extends { run_id: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.run_id);
    if (group === undefined) groups.set(row.run_id, [row]);
    else group.push(row);
  }
  return groups;
}

/**
 * Prepared once per store. `readMany` turns run rows into full runs with one query per child
 * table for the whole page, whatever its size.
 */
export class RunReader {
  readonly #metrics: Database.Statement;
  readonly #params: Database.Statement;
  readonly #tags: Database.Statement;
  readonly #inputs: Database.Statement;
  readonly #inputTags: Database.Statement;

  constructor(db: Database.Database) {
    this.#metrics = db.prepare(
      `SELECT run_id, key, value, is_nan, timestamp, step FROM latest_metrics WHERE run_id IN (${RUN_IDS}) ORDER BY run_id, key`,
    );
    this.#params = db.prepare(
      `SELECT run_id, key, value FROM params WHERE run_id IN (${RUN_IDS}) ORDER BY run_id, key`,
    );
    this.#tags = db.prepare(
      `SELECT run_id, key, value FROM tags WHERE run_id IN (${RUN_IDS}) ORDER BY run_id, key`,
    );
    this.#inputs = db.prepare(
      `SELECT i.run_id, d.dataset_id, d.name, d.digest, d.source_type, d.source, d.schema, d.profile
       FROM run_inputs i JOIN datasets d ON d.dataset_id = i.dataset_id
       WHERE i.run_id IN (${RUN_IDS}) ORDER BY i.run_id, i.position`,
    );
    this.#inputTags = db.prepare(
      `SELECT run_id, dataset_id, key, value FROM run_input_tags WHERE run_id IN (${RUN_IDS}) ORDER BY run_id, key`,
    );
  }

  read(row: RunRow): Run {
    return this.readMany([row])[0] as Run;
  }

  readMany(rows: RunRow[]): Run[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((row) => row.run_id));
    const metrics = groupByRun(this.#metrics.all(ids) as (MetricRow & { run_id: string })[]);
    const params = groupByRun(this.#params.all(ids) as (KeyValue & { run_id: string })[]);
    const tags = groupByRun(this.#tags.all(ids) as (KeyValue & { run_id: string })[]);
    const inputs = groupByRun(this.#inputs.all(ids) as (InputRow & { run_id: string })[]);
    const inputTags = groupByRun(
      this.#inputTags.all(ids) as (KeyValue & { run_id: string; dataset_id: number })[],
    );
    const keyValues = (list: KeyValue[] | undefined): KeyValue[] =>
      (list ?? []).map((kv) => ({ key: kv.key, value: kv.value }));
    return rows.map((row) => ({
      info: toRunInfo(row),
      data: {
        metrics: (metrics.get(row.run_id) ?? []).map(toMetric),
        params: keyValues(params.get(row.run_id)),
        tags: keyValues(tags.get(row.run_id)),
      },
      inputs: {
        dataset_inputs: (inputs.get(row.run_id) ?? []).map((input): DatasetInput => ({
          tags: keyValues((inputTags.get(row.run_id) ?? []).filter((t) => t.dataset_id === input.dataset_id)),
          dataset: {
            name: input.name,
            digest: input.digest,
            source_type: input.source_type,
            source: input.source,
            ...(input.schema !== null ? { schema: input.schema } : {}),
            ...(input.profile !== null ? { profile: input.profile } : {}),
          },
        })),
      },
    }));
  }
}
