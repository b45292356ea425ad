/** Runs: create, read, update status/end time/name, delete and restore. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { KeyValue, LifecycleStage, Run, RunInfo, RunStatus } from '../api/contract.ts';
import type { ExperimentStore } from './experiment-store.ts';
import { randomRunName } from './run-names.ts';
import { RunReader, toRunInfo, type RunRow } from './run-rows.ts';
import { invalidParameter, notFound } from './tracking-error.ts';
import { MAX_TAG_VALUE_LENGTH, validateEntityKey, validateValueLength } from './tracking-limits.ts';

export const RUN_NAME_TAG = 'mlflow.runName';

export interface CreateRunInput {
  experimentId: string;
  userId?: string;
  runName?: string;
  startTime?: number;
  tags?: KeyValue[];
}

export interface UpdateRunInput {
  status?: RunStatus;
  endTime?: number;
  runName?: string;
}

export function newRunId(): string {
  return randomUUID().replaceAll('-', '');
}

export class RunStore {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #experiments: ExperimentStore;
  readonly #reader: RunReader;
  readonly #byId: Database.Statement;

  constructor(db: Database.Database, now: () => number, experiments: ExperimentStore) {
    this.#db = db;
    this.#now = now;
    this.#experiments = experiments;
    this.#reader = new RunReader(db);
    this.#byId = db.prepare('SELECT * FROM runs WHERE run_id = ?');
  }

  create(input: CreateRunInput): Run {
    const experimentId = this.#experiments.requireActive(input.experimentId);
    const experiment = this.#experiments.get(input.experimentId);
    const tags = input.tags ?? [];
    for (const tag of tags) {
      validateEntityKey('tag', tag.key);
      validateValueLength('tag', tag.key, tag.value, MAX_TAG_VALUE_LENGTH);
    }
    const tagName = tags.findLast((tag) => tag.key === RUN_NAME_TAG)?.value;
    if (
      input.runName !== undefined &&
      input.runName !== '' &&
      tagName !== undefined &&
      tagName !== input.runName
    ) {
      throw invalidParameter(
        `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values ` +
          `(run_name='${input.runName}', mlflow.runName='${tagName}').`,
      );
    }
    const runName =
      input.runName !== undefined && input.runName !== '' ? input.runName : (tagName ?? randomRunName());
    const runId = newRunId();
    this.#db
      .prepare(
        `INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time, artifact_uri)
         VALUES (?, ?, ?, ?, 'RUNNING', ?, ?)`,
      )
      .run(
        runId,
        experimentId,
        runName,
        input.userId ?? '',
        input.startTime ?? this.#now(),
        `${experiment.artifact_location}/${runId}/artifacts`,
      );
    const insertTag = this.#db.prepare('INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)');
    for (const tag of tags) insertTag.run(runId, tag.key, tag.value);
    insertTag.run(runId, RUN_NAME_TAG, runName);
    return this.get(runId);
  }

  get(runId: string): Run {
    return this.#reader.read(this.row(runId));
  }

  row(runId: string): RunRow {
    const row = this.#byId.get(runId) as RunRow | undefined;
    if (row === undefined) throw notFound(`Run with id=${runId} not found`);
    return row;
  }

  /** MLflow refuses writes to a deleted run. */
  requireActive(runId: string): RunRow {
    const row = this.row(runId);
    if (row.lifecycle_stage !== 'active') {
      throw invalidParameter(
        `The run ${runId} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`,
      );
    }
    return row;
  }

  update(runId: string, input: UpdateRunInput): RunInfo {
    const row = this.requireActive(runId);
    const next: RunRow = {
      ...row,
      status: input.status ?? row.status,
      end_time: input.endTime ?? row.end_time,
      run_name: input.runName !== undefined && input.runName !== '' ? input.runName : row.run_name,
    };
    this.#db
      .prepare('UPDATE runs SET status = ?, end_time = ?, run_name = ? WHERE run_id = ?')
      .run(next.status, next.end_time, next.run_name, runId);
    if (next.run_name !== row.run_name) {
      this.#db
        .prepare('INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)')
        .run(runId, RUN_NAME_TAG, next.run_name);
    }
    return toRunInfo(next);
  }

  setLifecycle(runId: string, stage: LifecycleStage): void {
    this.row(runId);
    this.#db
      .prepare('UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_id = ?')
      .run(stage, stage === 'deleted' ? this.#now() : null, runId);
  }

  /** Runs found by a search: rows in order, each read into its full shape. */
  readAll(rows: RunRow[]): Run[] {
    return this.#reader.readMany(rows);
  }
}
