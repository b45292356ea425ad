/** WHERE and ORDER BY for experiments/search: attributes name and times, and tags. */
import type { FilterClause } from './search-filter.ts';
import { numberComparison, parseOrderBy, stringComparison, type SqlFragment } from './filter-sql.ts';
import { invalidParameter } from './tracking-error.ts';

const NUMERIC_ATTRIBUTES = new Set(['creation_time', 'last_update_time']);

export function experimentWhere(clauses: FilterClause[]): SqlFragment {
  const parts: SqlFragment[] = clauses.map((clause) => {
    if (clause.entity === 'tag') {
      const cmp = stringComparison('t.value', clause);
      return {
        sql: `EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ? AND ${cmp.sql})`,
        args: [clause.key, ...cmp.args],
      };
    }
    if (clause.entity !== 'attribute') {
      throw invalidParameter(
        `Invalid entity '${clause.entity}' in an experiment filter; expected attributes or tags`,
      );
    }
    if (clause.key === 'name') return stringComparison('e.name', clause);
    if (NUMERIC_ATTRIBUTES.has(clause.key)) return numberComparison(`e.${clause.key}`, clause);
    throw invalidParameter(
      `Invalid attribute key '${clause.key}' specified. Valid keys are ['name', 'creation_time', 'last_update_time']`,
    );
  });
  return {
    sql: parts.map((p) => ` AND ${p.sql}`).join(''),
    args: parts.flatMap((p) => p.args),
  };
}

const ORDERABLE = new Set(['name', 'experiment_id', 'creation_time', 'last_update_time']);

export function experimentOrderBy(orderBy: string[]): string {
  const terms = orderBy.map((expression) => {
    const { entity, key, ascending } = parseOrderBy(expression);
    if (entity !== 'attribute' && entity !== 'attributes') {
      throw invalidParameter(`Invalid order_by entity '${entity}' for experiments.`);
    }
    if (!ORDERABLE.has(key)) throw invalidParameter(`Invalid order_by key '${key}' for experiments.`);
    return `e.${key} ${ascending ? 'ASC' : 'DESC'}`;
  });
  if (terms.length === 0) terms.push('e.creation_time DESC');
  terms.push('e.experiment_id ASC');
  return terms.join(', ');
}
