/** WHERE and ORDER BY for runs/search, over latest metrics, params, tags, attributes, datasets. */
import type { FilterClause } from './search-filter.ts';
import { numberComparison, parseOrderBy, stringComparison, type SqlFragment } from './filter-sql.ts';
import { invalidParameter } from './tracking-error.ts';

const STRING_ATTRIBUTES: Record<string, string> = {
  run_id: 'r.run_id',
  run_name: 'r.run_name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  lifecycle_stage: 'r.lifecycle_stage',
};
const NUMERIC_ATTRIBUTES: Record<string, string> = {
  start_time: 'r.start_time',
  end_time: 'r.end_time',
  created: 'r.start_time',
};
const VALID_ATTRIBUTES = [...Object.keys(STRING_ATTRIBUTES), ...Object.keys(NUMERIC_ATTRIBUTES)];

/**
 * Whether few runs match a metric clause (the caller probes the metric index). Few matches are
 * best found from the metric index (IN); many from walking runs newest first (EXISTS), which
 * stops as soon as a page is full.
 */
export type MetricSelectivity = (clause: FilterClause, comparison: SqlFragment) => boolean;

function clauseSql(clause: FilterClause, isSelective: MetricSelectivity): SqlFragment {
  switch (clause.entity) {
    case 'metric': {
      const cmp = numberComparison('m.value', clause);
      if (isSelective(clause, cmp)) {
        return {
          sql: `r.run_id IN (SELECT m.run_id FROM latest_metrics m WHERE m.key = ? AND m.is_nan = 0 AND ${cmp.sql})`,
          args: [clause.key, ...cmp.args],
        };
      }
      return {
        sql: `EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_id = r.run_id AND m.key = ? AND m.is_nan = 0 AND ${cmp.sql})`,
        args: [clause.key, ...cmp.args],
      };
    }
    case 'param':
    case 'tag': {
      const table = clause.entity === 'param' ? 'params' : 'tags';
      if (clause.comparator === 'IS NULL' || clause.comparator === 'IS NOT NULL') {
        const negate = clause.comparator === 'IS NULL' ? 'NOT ' : '';
        return {
          sql: `${negate}EXISTS (SELECT 1 FROM ${table} p WHERE p.run_id = r.run_id AND p.key = ?)`,
          args: [clause.key],
        };
      }
      const cmp = stringComparison('p.value', clause);
      return {
        sql: `EXISTS (SELECT 1 FROM ${table} p WHERE p.run_id = r.run_id AND p.key = ? AND ${cmp.sql})`,
        args: [clause.key, ...cmp.args],
      };
    }
    case 'dataset': {
      if (clause.key !== 'name' && clause.key !== 'digest') {
        throw invalidParameter(`Invalid dataset key '${clause.key}'. Valid keys are ['name', 'digest']`);
      }
      const cmp = stringComparison(`d.${clause.key}`, clause);
      return {
        sql: `EXISTS (SELECT 1 FROM run_inputs i JOIN datasets d ON d.dataset_id = i.dataset_id WHERE i.run_id = r.run_id AND ${cmp.sql})`,
        args: cmp.args,
      };
    }
    case 'attribute': {
      const stringColumn = STRING_ATTRIBUTES[clause.key];
      if (stringColumn !== undefined) return stringComparison(stringColumn, clause);
      const numericColumn = NUMERIC_ATTRIBUTES[clause.key];
      if (numericColumn !== undefined) return numberComparison(numericColumn, clause);
      throw invalidParameter(
        `Invalid attribute key '${clause.key}' specified. Valid keys are ${JSON.stringify(VALID_ATTRIBUTES)}`,
      );
    }
  }
}

export interface RunWhere extends SqlFragment {
  /** A selective metric clause should drive the query; the caller keeps other indexes out. */
  metricIndexDriven: boolean;
}

export function runWhere(clauses: FilterClause[], isSelective: MetricSelectivity = () => false): RunWhere {
  let metricIndexDriven = false;
  const parts = clauses.map((clause) =>
    clauseSql(clause, (c, cmp) => {
      const selective = !metricIndexDriven && isSelective(c, cmp);
      metricIndexDriven ||= selective;
      return selective;
    }),
  );
  return {
    sql: parts.map((p) => ` AND ${p.sql}`).join(''),
    args: parts.flatMap((p) => p.args),
    metricIndexDriven,
  };
}

export interface RunOrder {
  joins: SqlFragment;
  orderBy: string;
}

/** Missing values sort last in both directions; ties fall back to newest first, then run id. */
export function runOrder(orderBy: string[]): RunOrder {
  const joins: string[] = [];
  const joinArgs: string[] = [];
  const terms: string[] = [];
  orderBy.forEach((expression, index) => {
    const { entity, key, ascending } = parseOrderBy(expression);
    const direction = ascending ? 'ASC' : 'DESC';
    const alias = `o${index}`;
    let column: string;
    if (entity === 'metric' || entity === 'metrics') {
      joins.push(`LEFT JOIN latest_metrics ${alias} ON ${alias}.run_id = r.run_id AND ${alias}.key = ?`);
      column = `CASE WHEN ${alias}.is_nan = 1 THEN NULL ELSE ${alias}.value END`;
    } else if (['param', 'params', 'tag', 'tags'].includes(entity)) {
      const table = entity.startsWith('param') ? 'params' : 'tags';
      joins.push(`LEFT JOIN ${table} ${alias} ON ${alias}.run_id = r.run_id AND ${alias}.key = ?`);
      column = `${alias}.value`;
    } else if (['attribute', 'attributes', 'attr', 'run'].includes(entity)) {
      const attribute = STRING_ATTRIBUTES[key] ?? NUMERIC_ATTRIBUTES[key];
      if (attribute === undefined) throw invalidParameter(`Invalid order_by attribute '${key}'.`);
      terms.push(`${attribute} IS NULL, ${attribute} ${direction}`);
      return;
    } else {
      throw invalidParameter(`Invalid order_by entity '${entity}' in '${expression}'.`);
    }
    joinArgs.push(key);
    terms.push(`${column} IS NULL, ${column} ${direction}`);
  });
  terms.push('r.start_time DESC', 'r.run_id ASC');
  return { joins: { sql: joins.join(' '), args: joinArgs }, orderBy: terms.join(', ') };
}
