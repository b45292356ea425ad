/** Model versions: create, read, describe, soft-delete, stage transitions, tags, search. */
import type Database from 'better-sqlite3';
import type { KeyValue, ModelStage, ModelVersion } from '../api/contract.ts';
import { cutPage, decodePageToken } from './page-token.ts';
import type { RegistryAudit } from './registry-audit.ts';
import type { RegistryReader } from './registry-rows.ts';
import { DELETED_STAGE, STAGES, type VersionRow } from './registry-rows.ts';
import { modelVersionOrder, modelVersionWhere } from './registry-search-sql.ts';
import { parseSearchFilter } from './search-filter.ts';
import { invalidParameter, notFound } from './tracking-error.ts';
import {
  MAX_TAG_VALUE_LENGTH,
  validateEntityKey,
  validateMaxResults,
  validateValueLength,
} from './tracking-limits.ts';

export const DEFAULT_SEARCH_VERSIONS_RESULTS = 10000;
export const MAX_SEARCH_VERSIONS_RESULTS = 200000;

export interface CreateVersionInput {
  name: string;
  source: string;
  runId?: string;
  runLink?: string;
  description?: string;
  userId?: string;
  tags?: KeyValue[];
}

export interface SearchVersionsQuery {
  filter?: string;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

/** MLflow accepts stage names in any case ("production"). */
export function parseStage(stage: string): ModelStage {
  const found = STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (found === undefined) {
    throw invalidParameter(
      `Invalid Model Version stage: ${stage}. Value must be one of ${STAGES.join(', ')}.`,
    );
  }
  return found;
}

export function parseVersion(version: string): number {
  if (!/^\d{1,15}$/.test(version))
    throw invalidParameter(`Model version must be an integer, got '${version}'.`);
  return Number(version);
}

export class ModelVersionStore {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #reader: RegistryReader;
  readonly #audit: RegistryAudit;

  constructor(db: Database.Database, now: () => number, reader: RegistryReader, audit: RegistryAudit) {
    this.#db = db;
    this.#now = now;
    this.#reader = reader;
    this.#audit = audit;
  }

  create(input: CreateVersionInput): ModelVersion {
    if (this.#db.prepare('SELECT 1 FROM registered_models WHERE name = ?').get(input.name) === undefined) {
      throw notFound(`Registered Model with name=${input.name} not found`);
    }
    if (input.source === '') throw invalidParameter("Missing value for required parameter 'source'.");
    const tags = input.tags ?? [];
    tags.forEach(validateTag);
    const { next } = this.#db
      .prepare('SELECT coalesce(max(version), 0) + 1 AS next FROM model_versions WHERE name = ?')
      .get(input.name) as { next: number };
    const now = this.#now();
    this.#db
      .prepare(
        `INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, source, run_id, run_link)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.name,
        next,
        now,
        now,
        input.description ?? '',
        input.userId ?? '',
        input.source,
        input.runId ?? null,
        input.runLink ?? '',
      );
    const insertTag = this.#db.prepare('INSERT OR REPLACE INTO model_version_tags VALUES (?, ?, ?, ?)');
    for (const tag of tags) insertTag.run(input.name, next, tag.key, tag.value);
    this.#touchModel(input.name, now);
    return this.get(input.name, String(next));
  }

  get(name: string, version: string): ModelVersion {
    return this.#reader.version(this.row(name, version));
  }

  row(name: string, version: string): VersionRow {
    const row = this.#db
      .prepare(
        `SELECT * FROM model_versions WHERE name = ? AND version = ? AND current_stage != '${DELETED_STAGE}'`,
      )
      .get(name, parseVersion(version)) as VersionRow | undefined;
    if (row === undefined) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
    return row;
  }

  updateDescription(name: string, version: string, description: string): ModelVersion {
    const row = this.row(name, version);
    this.#db
      .prepare(
        'UPDATE model_versions SET description = ?, last_updated_time = ? WHERE name = ? AND version = ?',
      )
      .run(description, this.#now(), name, row.version);
    return this.get(name, version);
  }

  /** Soft delete: the number is never reused; aliases pointing here are removed and audited. */
  delete(name: string, version: string, actor: string): void {
    const row = this.row(name, version);
    const aliases = this.#db
      .prepare('SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ?')
      .all(name, row.version) as { alias: string }[];
    for (const { alias } of aliases)
      this.#audit.record({ actor, name, action: 'delete_alias', alias, previousVersion: row.version });
    this.#db
      .prepare('DELETE FROM registered_model_aliases WHERE name = ? AND version = ?')
      .run(name, row.version);
    this.#db.prepare('DELETE FROM model_version_tags WHERE name = ? AND version = ?').run(name, row.version);
    this.#db
      .prepare(
        `UPDATE model_versions SET current_stage = '${DELETED_STAGE}', last_updated_time = ? WHERE name = ? AND version = ?`,
      )
      .run(this.#now(), name, row.version);
  }

  transitionStage(
    name: string,
    version: string,
    stage: string,
    archiveExisting: boolean,
    actor: string,
  ): ModelVersion {
    const target = parseStage(stage);
    const row = this.row(name, version);
    if (archiveExisting && target !== 'Staging' && target !== 'Production') {
      throw invalidParameter(
        `Model version transition cannot archive existing model versions because '${target}' is not an Active stage.`,
      );
    }
    const now = this.#now();
    const move = this.#db.prepare(
      'UPDATE model_versions SET current_stage = ?, last_updated_time = ? WHERE name = ? AND version = ?',
    );
    if (archiveExisting) {
      const others = this.#db
        .prepare(
          'SELECT version, current_stage FROM model_versions WHERE name = ? AND current_stage = ? AND version != ?',
        )
        .all(name, target, row.version) as { version: number; current_stage: string }[];
      for (const other of others) {
        move.run('Archived', now, name, other.version);
        this.#audit.record({
          actor,
          name,
          action: 'transition_stage',
          version: other.version,
          fromStage: other.current_stage,
          toStage: 'Archived',
        });
      }
    }
    move.run(target, now, name, row.version);
    this.#audit.record({
      actor,
      name,
      action: 'transition_stage',
      version: row.version,
      fromStage: row.current_stage,
      toStage: target,
    });
    this.#touchModel(name, now);
    return this.get(name, version);
  }

  setTag(name: string, version: string, tag: KeyValue): void {
    const row = this.row(name, version);
    validateTag(tag);
    this.#db
      .prepare('INSERT OR REPLACE INTO model_version_tags VALUES (?, ?, ?, ?)')
      .run(name, row.version, tag.key, tag.value);
  }

  deleteTag(name: string, version: string, key: string): void {
    const row = this.row(name, version);
    this.#db
      .prepare('DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?')
      .run(name, row.version, key);
  }

  latestVersions(name: string, stages: string[]): ModelVersion[] {
    if (this.#db.prepare('SELECT 1 FROM registered_models WHERE name = ?').get(name) === undefined) {
      throw notFound(`Registered Model with name=${name} not found`);
    }
    const wanted = new Set(stages.map(parseStage));
    return this.#reader.latestPerStage(name).filter((v) => wanted.size === 0 || wanted.has(v.current_stage));
  }

  search(query: SearchVersionsQuery): { versions: ModelVersion[]; nextPageToken?: string } {
    const limit = query.maxResults ?? DEFAULT_SEARCH_VERSIONS_RESULTS;
    validateMaxResults(limit, MAX_SEARCH_VERSIONS_RESULTS);
    const offset = decodePageToken(query.pageToken);
    const where = modelVersionWhere(parseSearchFilter(query.filter));
    const rows = this.#db
      .prepare(
        `SELECT v.* FROM model_versions v WHERE v.current_stage != '${DELETED_STAGE}'${where.sql}
         ORDER BY ${modelVersionOrder(query.orderBy ?? [])} LIMIT ? OFFSET ?`,
      )
      .all(...where.args, limit + 1, offset) as VersionRow[];
    const page = cutPage(rows, offset, limit);
    return {
      versions: page.items.map((row) => this.#reader.version(row)),
      nextPageToken: page.nextPageToken,
    };
  }

  #touchModel(name: string, now: number): void {
    this.#db.prepare('UPDATE registered_models SET last_updated_time = ? WHERE name = ?').run(now, name);
  }
}

function validateTag(tag: KeyValue): void {
  validateEntityKey('tag', tag.key);
  validateValueLength('tag', tag.key, tag.value, MAX_TAG_VALUE_LENGTH);
}
