/** WHERE and ORDER BY for registered-models/search and model-versions/search. */
import { numberComparison, parseOrderBy, stringComparison, type SqlFragment } from './filter-sql.ts';
import type { FilterClause } from './search-filter.ts';
import { invalidParameter } from './tracking-error.ts';

function join(parts: SqlFragment[]): SqlFragment {
  return { sql: parts.map((p) => ` AND ${p.sql}`).join(''), args: parts.flatMap((p) => p.args) };
}

function tagClause(table: string, owner: string, clause: FilterClause): SqlFragment {
  const cmp = stringComparison('t.value', clause);
  return {
    sql: `EXISTS (SELECT 1 FROM ${table} t WHERE ${owner} AND t.key = ? AND ${cmp.sql})`,
    args: [clause.key, ...cmp.args],
  };
}

export function registeredModelWhere(clauses: FilterClause[]): SqlFragment {
  return join(
    clauses.map((clause) => {
      if (clause.entity === 'tag') return tagClause('registered_model_tags', 't.name = m.name', clause);
      if (clause.entity === 'attribute' && clause.key === 'name') return stringComparison('m.name', clause);
      throw invalidParameter(
        `Invalid filter '${clause.entity}.${clause.key}' for registered models; use name or tags.<key>.`,
      );
    }),
  );
}

const MODEL_ORDER: Record<string, string> = {
  name: 'm.name',
  timestamp: 'm.creation_time',
  creation_timestamp: 'm.creation_time',
  last_updated_timestamp: 'm.last_updated_time',
};

export function registeredModelOrder(orderBy: string[]): string {
  const terms = orderBy.map((expression) => {
    const { key, ascending } = parseOrderBy(expression);
    const column = MODEL_ORDER[key];
    if (column === undefined) throw invalidParameter(`Invalid order_by key '${key}' for registered models.`);
    return `${column} ${ascending ? 'ASC' : 'DESC'}`;
  });
  terms.push('m.name ASC');
  return terms.join(', ');
}

export function modelVersionWhere(clauses: FilterClause[]): SqlFragment {
  return join(
    clauses.map((clause) => {
      if (clause.entity === 'tag')
        return tagClause('model_version_tags', 't.name = v.name AND t.version = v.version', clause);
      if (clause.entity !== 'attribute')
        throw invalidParameter(`Invalid filter entity '${clause.entity}' for model versions.`);
      switch (clause.key) {
        case 'name':
          return stringComparison('v.name', clause);
        case 'run_id':
          return stringComparison('v.run_id', clause);
        case 'source_path':
          return stringComparison('v.source', clause);
        case 'version_number':
          return numberComparison('v.version', clause);
        default:
          throw invalidParameter(
            `Invalid attribute '${clause.key}' for model versions; valid ones are name, run_id, source_path, version_number.`,
          );
      }
    }),
  );
}

const VERSION_ORDER: Record<string, string> = {
  name: 'v.name',
  version_number: 'v.version',
  creation_timestamp: 'v.creation_time',
  timestamp: 'v.creation_time',
  last_updated_timestamp: 'v.last_updated_time',
};

export function modelVersionOrder(orderBy: string[]): string {
  const terms = orderBy.map((expression) => {
    const { key, ascending } = parseOrderBy(expression);
    const column = VERSION_ORDER[key];
    if (column === undefined) throw invalidParameter(`Invalid order_by key '${key}' for model versions.`);
    return `${column} ${ascending ? 'ASC' : 'DESC'}`;
  });
  terms.push('v.name ASC', 'v.version DESC');
  return terms.join(', ');
}
