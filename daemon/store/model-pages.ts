/** The Models view's list: registered models by name, each with its newest versions and their provenance badge. */
import type Database from 'better-sqlite3';
import type { ModelPageResponse, ModelStage, ModelSummary, ModelVersionSummary } from '../api/contract.ts';
import { decodeKeysetToken, encodeKeysetToken } from './keyset-token.ts';
import { readModelProvenance } from './model-metadata-rows.ts';
import { missingProvenance } from './model-provenance.ts';
import { DELETED_STAGE } from './registry-rows.ts';
import { validateMaxResults } from './tracking-limits.ts';

export const DEFAULT_MODEL_PAGE_SIZE = 50;
export const MAX_MODEL_PAGE_SIZE = 1000;
/** How many of each model's newest versions a row shows. */
export const VERSIONS_PER_MODEL = 3;

export interface ModelPageQuery {
  maxResults?: number;
  pageToken?: string;
}

export function readModelPage(db: Database.Database, query: ModelPageQuery): ModelPageResponse {
  const limit = query.maxResults ?? DEFAULT_MODEL_PAGE_SIZE;
  validateMaxResults(limit, MAX_MODEL_PAGE_SIZE);
  const after = decodeKeysetToken(query.pageToken, { name: '' });
  const rows = db
    .prepare(
      `SELECT name, description, last_updated_time FROM registered_models
        ${after === undefined ? '' : 'WHERE name > ?'} ORDER BY name LIMIT ?`,
    )
    .all(...(after === undefined ? [] : [after.name]), limit + 1) as {
    name: string;
    description: string;
    last_updated_time: number;
  }[];
  const page = rows.slice(0, limit);
  const aliases = db.prepare(
    'SELECT alias, version FROM registered_model_aliases WHERE name = ? ORDER BY alias',
  );
  const versions = db.prepare(
    `SELECT version, current_stage, run_id, creation_time FROM model_versions
      WHERE name = ? AND current_stage != '${DELETED_STAGE}' ORDER BY version DESC LIMIT ${VERSIONS_PER_MODEL}`,
  );
  const models = page.map((row): ModelSummary => {
    const modelAliases = (aliases.all(row.name) as { alias: string; version: number }[]).map((a) => ({
      alias: a.alias,
      version: String(a.version),
    }));
    const latest = versions.all(row.name) as {
      version: number;
      current_stage: ModelStage;
      run_id: string | null;
      creation_time: number;
    }[];
    return {
      name: row.name,
      description: row.description,
      last_updated_timestamp: row.last_updated_time,
      aliases: modelAliases,
      latest_versions: latest.map((v): ModelVersionSummary => {
        const provenance = readModelProvenance(db, row.name, v.version);
        return {
          version: String(v.version),
          current_stage: v.current_stage,
          aliases: modelAliases.filter((a) => a.version === String(v.version)).map((a) => a.alias),
          run_id: v.run_id ?? provenance?.runId ?? '',
          creation_timestamp: v.creation_time,
          provenance:
            provenance !== undefined && missingProvenance(provenance).length === 0
              ? 'complete'
              : 'incomplete',
        };
      }),
    };
  });
  const last = page.at(-1);
  return rows.length > limit && last !== undefined
    ? { models, next_page_token: encodeKeysetToken({ name: last.name }) }
    : { models };
}
