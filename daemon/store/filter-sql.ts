/** SQL fragments for one filter comparison, with bound arguments (never interpolated values). */
import type { FilterClause } from './search-filter.ts';
import { invalidParameter } from './tracking-error.ts';

export interface SqlFragment {
  sql: string;
  args: (string | number)[];
}

/** MLflow's LIKE is case-sensitive; SQLite's is not, so LIKE becomes GLOB. */
export function likeToGlob(pattern: string): string {
  let glob = '';
  for (const ch of pattern) {
    if (ch === '%') glob += '*';
    else if (ch === '_') glob += '?';
    else if (ch === '*' || ch === '?' || ch === '[' || ch === ']') glob += `[${ch}]`;
    else glob += ch;
  }
  return glob;
}

export function stringComparison(column: string, clause: FilterClause): SqlFragment {
  const { comparator, value } = clause;
  const describe = `${clause.entity} '${clause.key}'`;
  if (comparator === 'IN' || comparator === 'NOT IN') {
    if (!Array.isArray(value))
      throw invalidParameter(`${comparator} on ${describe} expects a list of strings`);
    if (value.length === 0) return { sql: comparator === 'IN' ? '0' : '1', args: [] };
    return { sql: `${column} ${comparator} (${value.map(() => '?').join(', ')})`, args: value };
  }
  if (typeof value !== 'string') {
    throw invalidParameter(`Expected a quoted string value for ${describe}, found ${JSON.stringify(value)}`);
  }
  switch (comparator) {
    case '=':
    case '!=':
      return { sql: `${column} ${comparator} ?`, args: [value] };
    case 'LIKE':
      return { sql: `${column} GLOB ?`, args: [likeToGlob(value)] };
    case 'ILIKE':
      return { sql: `lower(${column}) GLOB lower(?)`, args: [likeToGlob(value)] };
    default:
      throw invalidParameter(
        `Invalid comparator '${comparator}' for ${describe}; expected =, !=, LIKE, ILIKE`,
      );
  }
}

export function numberComparison(column: string, clause: FilterClause): SqlFragment {
  const { comparator, value } = clause;
  if (typeof value !== 'number') {
    throw invalidParameter(
      `Expected a numeric value for ${clause.entity} '${clause.key}', found ${JSON.stringify(value)}`,
    );
  }
  if (!['=', '!=', '>', '>=', '<', '<='].includes(comparator)) {
    throw invalidParameter(`Invalid comparator '${comparator}' for ${clause.entity} '${clause.key}'`);
  }
  return { sql: `${column} ${comparator} ?`, args: [value] };
}

/** `name DESC`, `metrics.acc`, "tags.`my tag` ASC" into entity, key and direction. */
export function parseOrderBy(expression: string): { entity: string; key: string; ascending: boolean } {
  const match = /^\s*(?:(\w+)\.)?(`[^`]+`|"[^"]+"|[^\s]+?)\s*(ASC|DESC)?\s*$/i.exec(expression);
  if (match === null) throw invalidParameter(`Invalid order_by clause '${expression}'.`);
  const rawKey = match[2] ?? '';
  const key = /^[`"]/.test(rawKey) ? rawKey.slice(1, -1) : rawKey;
  return {
    entity: (match[1] ?? 'attribute').toLowerCase(),
    key,
    ascending: (match[3] ?? 'ASC').toUpperCase() === 'ASC',
  };
}
