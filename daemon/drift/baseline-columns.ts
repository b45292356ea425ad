/**
 * Checks the columns of a new baseline and summarises each: every column is an array of
 * numbers, strings, booleans or nulls, all of the same length. Types come from the column's
 * spec, else from its values. Every problem names its column (and row).
 */
import type { DriftColumnSpec, DriftValue } from '../api/contract.ts';
import { invalidParameter } from '../store/tracking-error.ts';
import { inferColumnType, summarizeColumn, type ReferenceSummary } from './reference-summary.ts';

export const MAX_BASELINE_COLUMNS = 2000;

export interface SummarizedColumns {
  rowCount: number;
  features: Map<string, ReferenceSummary>;
}

export function summarizeColumns(
  columns: Readonly<Record<string, unknown>>,
  specs: Readonly<Record<string, DriftColumnSpec>>,
  predictionColumn: string | undefined,
): SummarizedColumns {
  const names = Object.keys(columns);
  if (names.length === 0) throw invalidParameter("'columns' must hold at least one column.");
  if (names.length > MAX_BASELINE_COLUMNS)
    throw invalidParameter(`'columns' may hold at most ${MAX_BASELINE_COLUMNS} columns.`);
  if (predictionColumn !== undefined && !names.includes(predictionColumn))
    throw invalidParameter(
      `'prediction_column' names '${predictionColumn}', which is not one of the columns.`,
    );
  for (const name of Object.keys(specs))
    if (!names.includes(name))
      throw invalidParameter(`'column_specs' names '${name}', which is not one of the columns.`);
  let rowCount: number | undefined;
  const features = new Map<string, ReferenceSummary>();
  for (const name of names) {
    const values = columns[name];
    if (!Array.isArray(values)) throw invalidParameter(`Column '${name}' must be an array of values.`);
    if (rowCount === undefined) rowCount = values.length;
    else if (values.length !== rowCount)
      throw invalidParameter(`Column '${name}' has ${values.length} values; '${names[0]}' has ${rowCount}.`);
    values.forEach((value: unknown, row) => {
      if (value !== null && !['number', 'string', 'boolean'].includes(typeof value))
        throw invalidParameter(
          `Column '${name}', row ${row + 1}: ${JSON.stringify(value)} is not a number, string, boolean or null.`,
        );
    });
    const typed = values as DriftValue[];
    features.set(name, summarizeColumn(name, typed, specs[name]?.type ?? inferColumnType(typed)));
  }
  return { rowCount: rowCount ?? 0, features };
}
