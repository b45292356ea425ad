/**
 * Checks a window's frame against the training data's schema and the serving contract (the
 * registry signature's input columns): missing and extra columns, type changes, null spikes,
 * values outside the training range, unseen categories and text lengths. Every check counts
 * its offending rows exactly and has a threshold on their share; the verdict fails above it.
 */
import type {
  DataCheckKind,
  DataCheckResult,
  DataColumnType,
  DataSchema,
  DataSchemaColumn,
} from '../api/contract.ts';
import {
  KIND_ABSENT,
  KIND_BOOLEAN,
  KIND_NULL,
  KIND_NUMBER,
  KIND_STRING,
  type Frame,
  type FrameColumn,
} from './frame-columns.ts';
import { offendingRows, type OffendingRows } from './offending-rows.ts';

/** Share of offending rows each check tolerates (null_spike: the rise of the null rate). */
export const CHECK_THRESHOLDS: Readonly<Record<DataCheckKind, number>> = {
  missing_column: 0,
  extra_column: 0,
  type_change: 0,
  null_spike: 0.05,
  out_of_range: 0.01,
  unseen_category: 0.01,
  text_length: 0.01,
};

const KIND_OF_TYPE: Readonly<Record<DataColumnType, number>> = {
  number: KIND_NUMBER,
  string: KIND_STRING,
  boolean: KIND_BOOLEAN,
};

export function checkFrame(
  frame: Frame,
  schema: DataSchema | undefined,
  signatureColumns: readonly string[] | undefined,
): DataCheckResult[] {
  const results: DataCheckResult[] = [];
  const expected = new Set([...(schema?.columns.map((c) => c.name) ?? []), ...(signatureColumns ?? [])]);
  const rows = frame.rowCount;
  for (const name of expected) {
    if (frame.columns.has(name)) continue;
    const where = signatureColumns?.includes(name) ? 'the registry signature' : 'the training schema';
    results.push(
      verdict('missing_column', name, { count: rows, examples: [] }, rows, `in ${where}, in no sample`),
    );
  }
  for (const [name, column] of frame.columns) {
    if (expected.size > 0 && !expected.has(name))
      results.push(
        verdict(
          'extra_column',
          name,
          { count: present(column), examples: [] },
          rows,
          'not in the training schema or the signature',
        ),
      );
    const trained = schema?.columns.find((c) => c.name === name);
    if (trained !== undefined) results.push(...columnChecks(trained, column, rows));
  }
  return results;
}

function columnChecks(trained: DataSchemaColumn, column: FrameColumn, rows: number): DataCheckResult[] {
  const { kinds } = column;
  const results: DataCheckResult[] = [];
  const kind = KIND_OF_TYPE[trained.type];
  const changed = offendingRows(
    column,
    (row) => (kinds[row] ?? KIND_ABSENT) > KIND_NULL && kinds[row] !== kind,
  );
  results.push(verdict('type_change', trained.name, changed, rows, `training type ${trained.type}`));
  const nulls = offendingRows(column, (row) => (kinds[row] ?? KIND_ABSENT) <= KIND_NULL);
  const nullRate = rows === 0 ? 0 : nulls.count / rows;
  const rise = nullRate - trained.null_rate;
  results.push({
    ...verdict(
      'null_spike',
      trained.name,
      nulls,
      rows,
      `null rate ${format(nullRate)} against ${format(trained.null_rate)} in training`,
    ),
    observed: rise,
    verdict: rise > CHECK_THRESHOLDS.null_spike ? 'fail' : 'pass',
  });
  const { numbers, codes } = column;
  if (
    trained.type === 'number' &&
    trained.min !== undefined &&
    trained.max !== undefined &&
    numbers !== undefined
  ) {
    const { min, max } = trained;
    const outside = offendingRows(
      column,
      (row) => kinds[row] === KIND_NUMBER && !((numbers[row] ?? 0) >= min && (numbers[row] ?? 0) <= max),
    );
    results.push(verdict('out_of_range', trained.name, outside, rows, `training range [${min}, ${max}]`));
  }
  if (trained.type === 'string' && codes !== undefined) {
    if (trained.categories !== undefined) {
      const known = new Set(trained.categories);
      const unseen = column.dictionary.map((text) => !known.has(text));
      const found = offendingRows(
        column,
        (row) => kinds[row] === KIND_STRING && unseen[codes[row] ?? 0] === true,
      );
      results.push(
        verdict('unseen_category', trained.name, found, rows, `${known.size} training categories`),
      );
    }
    if (trained.min_length !== undefined && trained.max_length !== undefined) {
      const { min_length: shortest, max_length: longest } = trained;
      const outside = column.dictionary.map((text) => text.length < shortest || text.length > longest);
      const found = offendingRows(
        column,
        (row) => kinds[row] === KIND_STRING && outside[codes[row] ?? 0] === true,
      );
      results.push(
        verdict('text_length', trained.name, found, rows, `training lengths ${shortest}–${longest}`),
      );
    }
  }
  return results;
}

function present(column: FrameColumn): number {
  let count = 0;
  for (const kind of column.kinds) if (kind !== KIND_ABSENT) count += 1;
  return count;
}

function verdict(
  check: DataCheckKind,
  column: string,
  found: OffendingRows,
  rows: number,
  detail: string,
): DataCheckResult {
  const threshold = CHECK_THRESHOLDS[check];
  const observed = rows === 0 ? 0 : found.count / rows;
  const fails =
    check === 'missing_column' || check === 'extra_column'
      ? found.count > 0 || rows === 0
      : observed > threshold;
  return {
    check,
    column,
    verdict: fails ? 'fail' : 'pass',
    threshold,
    observed,
    offending_rows: found.count,
    rows,
    examples: found.examples,
    detail,
  };
}

function format(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
