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
  rowText,
  type Frame,
  type FrameColumn,
} from './frame-columns.ts';
import { MAX_EXAMPLES, truncated, type OffendingRows } from './offending-rows.ts';

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

/** Counters of one fused pass over a column: nulls, type changes, and the type's own check. */
const NULLS = 0;
const CHANGED = 1;
const RANGE = 2;
const UNSEEN = 3;
const LENGTH = 4;
const COUNTERS = 5;

function columnChecks(trained: DataSchemaColumn, column: FrameColumn, rows: number): DataCheckResult[] {
  const { kinds, numbers, codes } = column;
  const kind = KIND_OF_TYPE[trained.type];
  const counts = new Float64Array(COUNTERS);
  const firstRows: number[][] = Array.from({ length: COUNTERS }, () => []);
  const hit = (counter: number, row: number): void => {
    counts[counter] = (counts[counter] ?? 0) + 1;
    const first = firstRows[counter];
    if (first !== undefined && first.length < MAX_EXAMPLES) first.push(row);
  };
  const min = trained.min ?? -Infinity;
  const max = trained.max ?? Infinity;
  const checksRange = trained.type === 'number' && trained.min !== undefined && numbers !== undefined;
  const known = trained.categories === undefined ? undefined : new Set(trained.categories);
  const unseen = Uint8Array.from(column.dictionary, (text) =>
    known !== undefined && !known.has(text) ? 1 : 0,
  );
  const shortest = trained.min_length ?? 0;
  const longest = trained.max_length ?? Infinity;
  const badLength = Uint8Array.from(column.dictionary, (text) =>
    text.length < shortest || text.length > longest ? 1 : 0,
  );
  for (let row = 0; row < rows; row += 1) {
    const rowKind = kinds[row] ?? KIND_ABSENT;
    if (rowKind <= KIND_NULL) hit(NULLS, row);
    else if (rowKind !== kind) hit(CHANGED, row);
    else if (checksRange) {
      const value = numbers[row] ?? 0;
      if (!(value >= min && value <= max)) hit(RANGE, row);
    } else if (rowKind === KIND_STRING && codes !== undefined) {
      const code = codes[row] ?? 0;
      if (unseen[code] === 1) hit(UNSEEN, row);
      if (badLength[code] === 1) hit(LENGTH, row);
    }
  }
  const found = (counter: number): OffendingRows => ({
    count: counts[counter] ?? 0,
    examples: (firstRows[counter] ?? []).map((row) => truncated(rowText(column, row))),
  });
  const results: DataCheckResult[] = [];
  results.push(verdict('type_change', trained.name, found(CHANGED), rows, `training type ${trained.type}`));
  const nullRate = rows === 0 ? 0 : (counts[NULLS] ?? 0) / rows;
  const rise = nullRate - trained.null_rate;
  results.push({
    ...verdict(
      'null_spike',
      trained.name,
      found(NULLS),
      rows,
      `null rate ${format(nullRate)} against ${format(trained.null_rate)} in training`,
    ),
    observed: rise,
    verdict: rise > CHECK_THRESHOLDS.null_spike ? 'fail' : 'pass',
  });
  if (checksRange)
    results.push(
      verdict('out_of_range', trained.name, found(RANGE), rows, `training range [${min}, ${max}]`),
    );
  if (trained.type === 'string' && codes !== undefined) {
    if (known !== undefined)
      results.push(
        verdict('unseen_category', trained.name, found(UNSEEN), rows, `${known.size} training categories`),
      );
    if (trained.min_length !== undefined && trained.max_length !== undefined)
      results.push(
        verdict('text_length', trained.name, found(LENGTH), rows, `training lengths ${shortest}–${longest}`),
      );
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
