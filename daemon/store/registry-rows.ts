/** Reads registry rows (models, versions, their tags and aliases) into their MLflow shapes. */
import type Database from 'better-sqlite3';
import type {
  KeyValue,
  ModelStage,
  ModelVersion,
  RegisteredModel,
  RegisteredModelAlias,
} from '../api/contract.ts';

export const DELETED_STAGE = 'Deleted_Internal';
export const STAGES: readonly ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];

export interface ModelRow {
  name: string;
  creation_time: number;
  last_updated_time: number;
  description: string;
}

export interface VersionRow {
  name: string;
  version: number;
  creation_time: number;
  last_updated_time: number;
  description: string;
  user_id: string;
  current_stage: ModelStage;
  source: string;
  run_id: string | null;
  run_link: string;
}

export class RegistryReader {
  readonly #versionTags: Database.Statement;
  readonly #versionAliases: Database.Statement;
  readonly #modelTags: Database.Statement;
  readonly #modelAliases: Database.Statement;
  readonly #latestPerStage: Database.Statement;

  constructor(db: Database.Database) {
    this.#versionTags = db.prepare(
      'SELECT key, value FROM model_version_tags WHERE name = ? AND version = ? ORDER BY key',
    );
    this.#versionAliases = db.prepare(
      'SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ? ORDER BY alias',
    );
    this.#modelTags = db.prepare('SELECT key, value FROM registered_model_tags WHERE name = ? ORDER BY key');
    this.#modelAliases = db.prepare(
      'SELECT alias, version FROM registered_model_aliases WHERE name = ? ORDER BY alias',
    );
    this.#latestPerStage = db.prepare(
      `SELECT v.* FROM model_versions v
       WHERE v.name = ? AND v.current_stage != '${DELETED_STAGE}' AND v.version = (
         SELECT max(w.version) FROM model_versions w WHERE w.name = v.name AND w.current_stage = v.current_stage)
       ORDER BY v.version`,
    );
  }

  version(row: VersionRow): ModelVersion {
    return {
      name: row.name,
      version: String(row.version),
      creation_timestamp: row.creation_time,
      last_updated_timestamp: row.last_updated_time,
      user_id: row.user_id,
      current_stage: row.current_stage,
      description: row.description,
      source: row.source,
      run_id: row.run_id ?? '',
      run_link: row.run_link,
      status: 'READY',
      tags: this.#versionTags.all(row.name, row.version) as KeyValue[],
      aliases: (this.#versionAliases.all(row.name, row.version) as { alias: string }[]).map((a) => a.alias),
    };
  }

  /** The latest version of each stage, as MLflow's `latest_versions`. */
  latestPerStage(name: string): ModelVersion[] {
    return (this.#latestPerStage.all(name) as VersionRow[]).map((row) => this.version(row));
  }

  model(row: ModelRow): RegisteredModel {
    return {
      name: row.name,
      creation_timestamp: row.creation_time,
      last_updated_timestamp: row.last_updated_time,
      description: row.description,
      latest_versions: this.latestPerStage(row.name),
      tags: this.#modelTags.all(row.name) as KeyValue[],
      aliases: (this.#modelAliases.all(row.name) as { alias: string; version: number }[]).map(
        (a): RegisteredModelAlias => ({ alias: a.alias, version: String(a.version) }),
      ),
    };
  }
}
