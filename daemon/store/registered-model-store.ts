/** Registered models: create, read, rename, describe, delete, tags, aliases, search. */
import type Database from 'better-sqlite3';
import type { KeyValue, ModelVersion, RegisteredModel } from '../api/contract.ts';
import type { ModelVersionStore } from './model-version-store.ts';
import { cutPage, decodePageToken } from './page-token.ts';
import type { RegistryAudit } from './registry-audit.ts';
import type { RegistryReader } from './registry-rows.ts';
import { type ModelRow } from './registry-rows.ts';
import { registeredModelOrder, registeredModelWhere } from './registry-search-sql.ts';
import { parseSearchFilter } from './search-filter.ts';
import { alreadyExists, invalidParameter, notFound } from './tracking-error.ts';
import {
  MAX_TAG_VALUE_LENGTH,
  validateEntityKey,
  validateMaxResults,
  validateValueLength,
} from './tracking-limits.ts';

export const DEFAULT_SEARCH_MODELS_RESULTS = 100;
export const MAX_SEARCH_MODELS_RESULTS = 1000;

export interface SearchModelsQuery {
  filter?: string;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

/** MLflow reserves `latest` and version-like names (`v3`) as aliases. */
function validateAlias(alias: string): void {
  if (alias === '') throw invalidParameter("Missing value for required parameter 'alias'.");
  if (alias.toLowerCase() === 'latest')
    throw invalidParameter("'latest' alias name (case insensitive) is reserved.");
  if (/^v\d+$/i.test(alias)) throw invalidParameter(`Version alias name '${alias}' is reserved.`);
  if (!/^[\w-]+$/.test(alias) || alias.length > 255) {
    throw invalidParameter(`Invalid alias name '${alias}': use letters, digits, '_' and '-' (at most 255).`);
  }
}

export class RegisteredModelStore {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #reader: RegistryReader;
  readonly #versions: ModelVersionStore;
  readonly #audit: RegistryAudit;

  constructor(
    db: Database.Database,
    now: () => number,
    reader: RegistryReader,
    versions: ModelVersionStore,
    audit: RegistryAudit,
  ) {
    this.#db = db;
    this.#now = now;
    this.#reader = reader;
    this.#versions = versions;
    this.#audit = audit;
  }

  create(name: string, description: string, tags: KeyValue[]): RegisteredModel {
    if (name === '') throw invalidParameter("Missing value for required parameter 'name'.");
    if (this.#exists(name)) throw alreadyExists(`Registered Model (name=${name}) already exists.`);
    tags.forEach(validateTag);
    const now = this.#now();
    this.#db
      .prepare(
        'INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (?, ?, ?, ?)',
      )
      .run(name, now, now, description);
    const insertTag = this.#db.prepare('INSERT OR REPLACE INTO registered_model_tags VALUES (?, ?, ?)');
    for (const tag of tags) insertTag.run(name, tag.key, tag.value);
    return this.get(name);
  }

  get(name: string): RegisteredModel {
    return this.#reader.model(this.#row(name));
  }

  rename(name: string, newName: string): RegisteredModel {
    this.#row(name);
    if (newName === '') throw invalidParameter("Missing value for required parameter 'new_name'.");
    if (newName !== name && this.#exists(newName))
      throw alreadyExists(`Registered Model (name=${newName}) already exists.`);
    this.#db
      .prepare('UPDATE registered_models SET name = ?, last_updated_time = ? WHERE name = ?')
      .run(newName, this.#now(), name);
    this.#db.prepare('UPDATE registry_audit SET name = ? WHERE name = ?').run(newName, name);
    return this.get(newName);
  }

  updateDescription(name: string, description: string): RegisteredModel {
    this.#row(name);
    this.#db
      .prepare('UPDATE registered_models SET description = ?, last_updated_time = ? WHERE name = ?')
      .run(description, this.#now(), name);
    return this.get(name);
  }

  delete(name: string): void {
    this.#row(name);
    this.#db.prepare('DELETE FROM registered_model_aliases WHERE name = ?').run(name);
    this.#db.prepare('DELETE FROM model_version_tags WHERE name = ?').run(name);
    this.#db.prepare('DELETE FROM model_versions WHERE name = ?').run(name);
    this.#db.prepare('DELETE FROM registered_models WHERE name = ?').run(name);
  }

  setTag(name: string, tag: KeyValue): void {
    this.#row(name);
    validateTag(tag);
    this.#db
      .prepare('INSERT OR REPLACE INTO registered_model_tags VALUES (?, ?, ?)')
      .run(name, tag.key, tag.value);
  }

  deleteTag(name: string, key: string): void {
    this.#row(name);
    this.#db.prepare('DELETE FROM registered_model_tags WHERE name = ? AND key = ?').run(name, key);
  }

  setAlias(name: string, alias: string, version: string, actor: string): void {
    validateAlias(alias);
    const target = this.#versions.row(name, version).version;
    const previous = this.#aliasTarget(name, alias);
    this.#db
      .prepare('INSERT OR REPLACE INTO registered_model_aliases (name, alias, version) VALUES (?, ?, ?)')
      .run(name, alias, target);
    this.#audit.record({
      actor,
      name,
      action: 'set_alias',
      alias,
      version: target,
      previousVersion: previous,
    });
  }

  deleteAlias(name: string, alias: string, actor: string): void {
    this.#row(name);
    const previous = this.#aliasTarget(name, alias);
    if (previous === undefined) return;
    this.#db.prepare('DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?').run(name, alias);
    this.#audit.record({ actor, name, action: 'delete_alias', alias, previousVersion: previous });
  }

  versionByAlias(name: string, alias: string): ModelVersion {
    this.#row(name);
    const target = this.#aliasTarget(name, alias);
    if (target === undefined) throw invalidParameter(`Registered model alias ${alias} not found.`);
    return this.#versions.get(name, String(target));
  }

  /** Points `alias` back at the version it pointed to before its latest move. */
  rollbackAlias(name: string, alias: string, actor: string): ModelVersion {
    this.#row(name);
    const previous = this.#audit.previousTarget(name, alias);
    if (previous === undefined)
      throw invalidParameter(`Alias ${alias} of ${name} has no previous version to roll back to.`);
    this.setAlias(name, alias, String(previous), actor);
    return this.#versions.get(name, String(previous));
  }

  search(query: SearchModelsQuery): { models: RegisteredModel[]; nextPageToken?: string } {
    const limit = query.maxResults ?? DEFAULT_SEARCH_MODELS_RESULTS;
    validateMaxResults(limit, MAX_SEARCH_MODELS_RESULTS);
    const offset = decodePageToken(query.pageToken);
    const where = registeredModelWhere(parseSearchFilter(query.filter));
    const rows = this.#db
      .prepare(
        `SELECT m.* FROM registered_models m WHERE 1${where.sql} ORDER BY ${registeredModelOrder(query.orderBy ?? [])} LIMIT ? OFFSET ?`,
      )
      .all(...where.args, limit + 1, offset) as ModelRow[];
    const page = cutPage(rows, offset, limit);
    return { models: page.items.map((row) => this.#reader.model(row)), nextPageToken: page.nextPageToken };
  }

  #aliasTarget(name: string, alias: string): number | undefined {
    const row = this.#db
      .prepare('SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?')
      .get(name, alias) as { version: number } | undefined;
    return row?.version;
  }

  #exists(name: string): boolean {
    return this.#db.prepare('SELECT 1 FROM registered_models WHERE name = ?').get(name) !== undefined;
  }

  #row(name: string): ModelRow {
    const row = this.#db.prepare('SELECT * FROM registered_models WHERE name = ?').get(name) as
      ModelRow | undefined;
    if (row === undefined) throw notFound(`Registered Model with name=${name} not found`);
    return row;
  }
}

function validateTag(tag: KeyValue): void {
  validateEntityKey('tag', tag.key);
  validateValueLength('tag', tag.key, tag.value, MAX_TAG_VALUE_LENGTH);
}
