/** Experiments: create, read, rename, delete and restore (with their runs), tags, search. */
import type Database from 'better-sqlite3';
import type { Experiment, KeyValue, LifecycleStage, ViewType } from '../api/contract.ts';
import { cutPage, decodePageToken } from './page-token.ts';
import { parseSearchFilter } from './search-filter.ts';
import { alreadyExists, invalidParameter, notFound } from './tracking-error.ts';
import {
  DEFAULT_SEARCH_EXPERIMENTS_RESULTS,
  MAX_EXPERIMENT_TAG_VALUE_LENGTH,
  validateEntityKey,
  validateMaxResults,
  validateValueLength,
} from './tracking-limits.ts';
import { experimentOrderBy, experimentWhere } from './experiment-search-sql.ts';

interface ExperimentRow {
  experiment_id: number;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number;
  last_update_time: number;
}

export interface SearchExperimentsQuery {
  viewType?: ViewType;
  maxResults?: number;
  filter?: string;
  orderBy?: string[];
  pageToken?: string;
}

export function lifecycleStages(viewType: ViewType | undefined): LifecycleStage[] {
  if (viewType === 'DELETED_ONLY') return ['deleted'];
  if (viewType === 'ALL') return ['active', 'deleted'];
  return ['active'];
}

/** Experiment ids travel as strings of digits; anything else cannot name an experiment. */
export function parseExperimentId(id: string): number {
  if (!/^\d{1,18}$/.test(id)) throw notFound(`No Experiment with id=${id} exists`);
  return Number(id);
}

export class ExperimentStore {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  create(name: string, artifactLocation: string | undefined, tags: KeyValue[]): string {
    if (name.trim() === '')
      throw invalidParameter(`Invalid experiment name: '${name}'. Expected a non-empty string.`);
    if (this.#db.prepare('SELECT 1 FROM experiments WHERE name = ?').get(name) !== undefined) {
      throw alreadyExists(`Experiment(name=${name}) already exists.`);
    }
    tags.forEach((tag) => validateExperimentTag(tag));
    const now = this.#now();
    const result = this.#db
      .prepare(
        `INSERT INTO experiments (name, artifact_location, creation_time, last_update_time) VALUES (?, '', ?, ?)`,
      )
      .run(name, now, now);
    const id = Number(result.lastInsertRowid);
    this.#db
      .prepare('UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?')
      .run(
        artifactLocation !== undefined && artifactLocation !== ''
          ? artifactLocation
          : `mlflow-artifacts:/${id}`,
        id,
      );
    const insertTag = this.#db.prepare('INSERT OR REPLACE INTO experiment_tags VALUES (?, ?, ?)');
    for (const tag of tags) insertTag.run(id, tag.key, tag.value);
    return String(id);
  }

  get(experimentId: string): Experiment {
    const row = this.#row(experimentId);
    return this.#toExperiment(row);
  }

  getByName(name: string): Experiment {
    const row = this.#db.prepare('SELECT * FROM experiments WHERE name = ?').get(name) as
      ExperimentRow | undefined;
    if (row === undefined) throw notFound(`Could not find experiment with name '${name}'`);
    return this.#toExperiment(row);
  }

  /** Throws unless the experiment exists and is active; returns its numeric id. */
  requireActive(experimentId: string): number {
    const row = this.#row(experimentId);
    if (row.lifecycle_stage !== 'active') {
      throw invalidParameter(
        `The experiment ${experimentId} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`,
      );
    }
    return row.experiment_id;
  }

  rename(experimentId: string, newName: string): void {
    const id = this.requireActive(experimentId);
    if (newName.trim() === '') throw invalidParameter(`Invalid experiment name: '${newName}'.`);
    const clash = this.#db.prepare('SELECT experiment_id FROM experiments WHERE name = ?').get(newName) as
      { experiment_id: number } | undefined;
    if (clash !== undefined && clash.experiment_id !== id) {
      throw alreadyExists(`Experiment(name=${newName}) already exists.`);
    }
    this.#db
      .prepare('UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?')
      .run(newName, this.#now(), id);
  }

  setLifecycle(experimentId: string, stage: LifecycleStage): void {
    const row = this.#row(experimentId);
    if (stage === 'deleted' && row.experiment_id === 0) {
      throw invalidParameter(
        "Cannot delete the default experiment '0'. This is an internally reserved experiment.",
      );
    }
    if (stage === 'active' && row.lifecycle_stage === 'active') {
      throw invalidParameter(`Cannot restore an active experiment: ${experimentId}`);
    }
    const now = this.#now();
    this.#db
      .prepare('UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?')
      .run(stage, now, row.experiment_id);
    // Runs follow their experiment, as in MLflow.
    this.#db
      .prepare('UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE experiment_id = ?')
      .run(stage, stage === 'deleted' ? now : null, row.experiment_id);
  }

  setTag(experimentId: string, tag: KeyValue): void {
    const id = this.requireActive(experimentId);
    validateExperimentTag(tag);
    this.#db.prepare('INSERT OR REPLACE INTO experiment_tags VALUES (?, ?, ?)').run(id, tag.key, tag.value);
  }

  search(query: SearchExperimentsQuery): { experiments: Experiment[]; nextPageToken?: string } {
    const limit = query.maxResults ?? DEFAULT_SEARCH_EXPERIMENTS_RESULTS;
    validateMaxResults(limit);
    const offset = decodePageToken(query.pageToken);
    const stages = lifecycleStages(query.viewType);
    const where = experimentWhere(parseSearchFilter(query.filter));
    const sql =
      `SELECT e.* FROM experiments e WHERE e.lifecycle_stage IN (${stages.map(() => '?').join(', ')})` +
      where.sql +
      ` ORDER BY ${experimentOrderBy(query.orderBy ?? [])} LIMIT ? OFFSET ?`;
    const rows = this.#db.prepare(sql).all(...stages, ...where.args, limit + 1, offset) as ExperimentRow[];
    const page = cutPage(rows, offset, limit);
    return {
      experiments: page.items.map((row) => this.#toExperiment(row)),
      nextPageToken: page.nextPageToken,
    };
  }

  #row(experimentId: string): ExperimentRow {
    const row = this.#db
      .prepare('SELECT * FROM experiments WHERE experiment_id = ?')
      .get(parseExperimentId(experimentId)) as ExperimentRow | undefined;
    if (row === undefined) throw notFound(`No Experiment with id=${experimentId} exists`);
    return row;
  }

  #toExperiment(row: ExperimentRow): Experiment {
    const tags = this.#db
      .prepare('SELECT key, value FROM experiment_tags WHERE experiment_id = ? ORDER BY key')
      .all(row.experiment_id) as KeyValue[];
    return {
      experiment_id: String(row.experiment_id),
      name: row.name,
      artifact_location: row.artifact_location,
      lifecycle_stage: row.lifecycle_stage,
      creation_time: row.creation_time,
      last_update_time: row.last_update_time,
      tags,
    };
  }
}

function validateExperimentTag(tag: KeyValue): void {
  validateEntityKey('tag', tag.key);
  validateValueLength('tag', tag.key, tag.value, MAX_EXPERIMENT_TAG_VALUE_LENGTH);
}
