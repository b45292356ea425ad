/**
 * Evaluates a Great Expectations suite (its JSON: `expectation_suite_name` and `expectations[]`
 * of `expectation_type` and `kwargs`; the 1.x spelling `name` / `type` is read too) on a frame.
 * Column map expectations count unexpected rows among the non-null ones and pass when their
 * share of expected rows reaches `mostly` (default 1), as Great Expectations does. Types this
 * product does not implement are listed as not evaluated, never passed.
 */
import type { ExpectationResult, ExpectationSuiteResult } from '../api/contract.ts';
import { invalidParameter, TrackingError } from '../store/tracking-error.ts';
import {
  KIND_ABSENT,
  KIND_BOOLEAN,
  KIND_NULL,
  KIND_NUMBER,
  KIND_STRING,
  rowText,
  type Frame,
  type FrameColumn,
} from './frame-columns.ts';
import { offendingRows } from './offending-rows.ts';

interface Expectation {
  type: string;
  kwargs: Record<string, unknown>;
}

type Evaluate = (
  frame: Frame,
  kwargs: Record<string, unknown>,
) => Omit<ExpectationResult, 'expectation_type' | 'kwargs'>;

/** Great Expectations' type names, by the kind of value that satisfies them. */
const NUMBER_TYPES = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'integer',
  'float',
  'float16',
  'float32',
  'float64',
  'double',
  'number',
  'numeric',
  'long',
]);
const STRING_TYPES = new Set(['str', 'string', 'object', 'unicode', 'varchar', 'text']);
const BOOLEAN_TYPES = new Set(['bool', 'boolean']);

export function parseExpectationSuite(
  value: unknown,
  where = 'expectation_suite',
): { name: string; expectations: Expectation[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidParameter(`'${where}' must be a Great Expectations suite object.`);
  const suite = value as Record<string, unknown>;
  const name = suite.expectation_suite_name ?? suite.name;
  if (typeof name !== 'string') throw invalidParameter(`'${where}' has no 'expectation_suite_name'.`);
  if (!Array.isArray(suite.expectations)) throw invalidParameter(`'${where}.expectations' must be an array.`);
  const expectations = suite.expectations.map((raw: unknown, index) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const type = item.expectation_type ?? item.type;
    if (typeof type !== 'string')
      throw invalidParameter(`'${where}.expectations[${index}]' has no 'expectation_type'.`);
    const kwargs = item.kwargs ?? {};
    if (typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs))
      throw invalidParameter(`'${where}.expectations[${index}].kwargs' must be an object.`);
    return { type, kwargs: kwargs as Record<string, unknown> };
  });
  return { name, expectations };
}

export function evaluateSuite(
  frame: Frame,
  suite: { name: string; expectations: Expectation[] },
): ExpectationSuiteResult {
  const results: ExpectationResult[] = suite.expectations.map(({ type, kwargs }, index) => {
    const evaluate = EVALUATORS[type];
    if (evaluate === undefined)
      return {
        expectation_type: type,
        kwargs,
        verdict: 'not_evaluated',
        detail: 'this expectation type is not implemented',
      };
    try {
      return { expectation_type: type, kwargs, ...evaluate(frame, kwargs) };
    } catch (error) {
      if (error instanceof TrackingError)
        throw invalidParameter(`expectations[${index}] (${type}): ${error.message}`);
      throw error;
    }
  });
  return {
    suite_name: suite.name,
    evaluated: results.filter((r) => r.verdict !== 'not_evaluated').length,
    failed: results.filter((r) => r.verdict === 'fail').length,
    not_evaluated: results.filter((r) => r.verdict === 'not_evaluated').length,
    results,
  };
}

const EVALUATORS: Readonly<Record<string, Evaluate>> = {
  expect_column_to_exist: (frame, kwargs) => {
    const name = columnName(kwargs);
    const exists = frame.columns.has(name);
    return { verdict: exists ? 'pass' : 'fail', detail: exists ? `'${name}' exists` : `no column '${name}'` };
  },
  expect_table_columns_to_match_set: (frame, kwargs) => {
    const wanted = stringList(kwargs.column_set, 'column_set');
    const exact = kwargs.exact_match !== false;
    const missing = wanted.filter((name) => !frame.columns.has(name));
    const extra = [...frame.columns.keys()].filter((name) => !wanted.includes(name));
    const fails = missing.length > 0 || (exact && extra.length > 0);
    return {
      verdict: fails ? 'fail' : 'pass',
      examples: [...missing.map((n) => `missing ${n}`), ...extra.map((n) => `extra ${n}`)].slice(0, 5),
      detail: `missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'}`,
    };
  },
  expect_column_values_to_not_be_null: (frame, kwargs) =>
    columnMap(
      frame,
      kwargs,
      'non-null',
      (column) => (row) => (column.kinds[row] ?? KIND_ABSENT) <= KIND_NULL,
      true,
    ),
  expect_column_values_to_be_between: (frame, kwargs) => {
    const min = optionalNumber(kwargs.min_value, 'min_value');
    const max = optionalNumber(kwargs.max_value, 'max_value');
    const strictMin = kwargs.strict_min === true;
    const strictMax = kwargs.strict_max === true;
    return columnMap(frame, kwargs, `between ${min ?? '-∞'} and ${max ?? '∞'}`, (column) => (row) => {
      if (column.kinds[row] !== KIND_NUMBER) return true;
      const value = column.numbers?.[row] ?? Number.NaN;
      if (min !== undefined && (strictMin ? value <= min : value < min)) return true;
      return max !== undefined && (strictMax ? value >= max : value > max);
    });
  },
  expect_column_values_to_be_in_set: (frame, kwargs) => {
    if (!Array.isArray(kwargs.value_set)) throw invalidParameter("'value_set' must be an array.");
    const allowed = new Set(
      kwargs.value_set.map((v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))),
    );
    return columnMap(
      frame,
      kwargs,
      `in a set of ${allowed.size}`,
      (column) => (row) => !allowed.has(rowText(column, row)),
    );
  },
  expect_column_values_to_be_of_type: (frame, kwargs) => {
    const typeName = kwargs.type_;
    if (typeof typeName !== 'string') throw invalidParameter("'type_' must be a type name.");
    const lower = typeName.toLowerCase();
    const kind = NUMBER_TYPES.has(lower)
      ? KIND_NUMBER
      : STRING_TYPES.has(lower)
        ? KIND_STRING
        : BOOLEAN_TYPES.has(lower)
          ? KIND_BOOLEAN
          : undefined;
    if (kind === undefined) return { verdict: 'not_evaluated', detail: `type '${typeName}' is not known` };
    const integer = lower.startsWith('int') || lower === 'long';
    return columnMap(
      frame,
      kwargs,
      `of type ${typeName}`,
      (column) => (row) =>
        column.kinds[row] !== kind || (integer && !Number.isInteger(column.numbers?.[row])),
    );
  },
  expect_column_value_lengths_to_be_between: (frame, kwargs) => {
    const min = optionalNumber(kwargs.min_value, 'min_value');
    const max = optionalNumber(kwargs.max_value, 'max_value');
    return columnMap(frame, kwargs, `of length ${min ?? 0}–${max ?? '∞'}`, (column) => (row) => {
      const length = rowText(column, row).length;
      return (min !== undefined && length < min) || (max !== undefined && length > max);
    });
  },
};

/**
 * A column map expectation: `unexpected(row)` is asked of non-null rows only (of every row for
 * the null expectation itself), and the share of expected rows must reach `mostly`.
 */
function columnMap(
  frame: Frame,
  kwargs: Record<string, unknown>,
  what: string,
  unexpected: (column: FrameColumn) => (row: number) => boolean,
  countNulls = false,
): Omit<ExpectationResult, 'expectation_type' | 'kwargs'> {
  const name = columnName(kwargs);
  const mostly = optionalNumber(kwargs.mostly, 'mostly') ?? 1;
  const column = frame.columns.get(name);
  if (column === undefined) return { verdict: 'fail', detail: `no column '${name}'` };
  const test = unexpected(column);
  const found = offendingRows(
    column,
    (row) => (countNulls || (column.kinds[row] ?? KIND_ABSENT) > KIND_NULL) && test(row),
  );
  let elements = 0;
  for (const kind of column.kinds) if (countNulls || kind > KIND_NULL) elements += 1;
  const share = elements === 0 ? 1 : (elements - found.count) / elements;
  return {
    verdict: share >= mostly ? 'pass' : 'fail',
    unexpected_count: found.count,
    element_count: elements,
    examples: found.examples,
    detail: `${found.count} of ${elements} rows not ${what} (mostly ${mostly})`,
  };
}

function columnName(kwargs: Record<string, unknown>): string {
  if (typeof kwargs.column !== 'string') throw invalidParameter("'column' must name a column.");
  return kwargs.column;
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw invalidParameter(`'${field}' must be an array of column names.`);
  return value;
}

function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw invalidParameter(`'${field}' must be a number.`);
  return value;
}
