/**
 * The data schema recorded with a baseline: each column's type (the kind most of its values
 * have), null rate, range, category set (while small enough to be a set) and text lengths.
 */
import type { DataColumnType, DataSchema, DataSchemaColumn, DriftValue } from '../api/contract.ts';
import { columnOf, KIND_BOOLEAN, KIND_NUMBER, KIND_STRING, type FrameColumn } from './frame-columns.ts';

/** A text column with more distinct values than this is free text: no category set is kept. */
export const MAX_SCHEMA_CATEGORIES = 1000;

export function dataSchemaOf(columns: Readonly<Record<string, readonly DriftValue[]>>): DataSchema {
  let rowCount = 0;
  const schema: DataSchemaColumn[] = [];
  for (const [name, values] of Object.entries(columns)) {
    rowCount = values.length;
    schema.push(schemaColumn(name, columnOf(values)));
  }
  return { row_count: rowCount, columns: schema };
}

function schemaColumn(name: string, column: FrameColumn): DataSchemaColumn {
  const rows = column.kinds.length;
  const byKind = new Map<number, number>();
  for (const kind of column.kinds) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  const present =
    (byKind.get(KIND_NUMBER) ?? 0) + (byKind.get(KIND_STRING) ?? 0) + (byKind.get(KIND_BOOLEAN) ?? 0);
  const type = majorityType(byKind);
  const result: DataSchemaColumn = { name, type, null_rate: rows === 0 ? 0 : (rows - present) / rows };
  if (type === 'number' && column.numbers !== undefined) {
    let min = Infinity;
    let max = -Infinity;
    for (let row = 0; row < rows; row += 1) {
      if (column.kinds[row] !== KIND_NUMBER) continue;
      const value = column.numbers[row] ?? Number.NaN;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (min <= max) {
      result.min = min;
      result.max = max;
    }
  }
  if (type === 'string') {
    const lengths = column.dictionary.map((text) => text.length);
    if (lengths.length > 0) {
      result.min_length = Math.min(...lengths);
      result.max_length = Math.max(...lengths);
    }
    if (column.dictionary.length <= MAX_SCHEMA_CATEGORIES) result.categories = [...column.dictionary].sort();
  }
  return result;
}

function majorityType(byKind: ReadonlyMap<number, number>): DataColumnType {
  const numbers = byKind.get(KIND_NUMBER) ?? 0;
  const strings = byKind.get(KIND_STRING) ?? 0;
  const booleans = byKind.get(KIND_BOOLEAN) ?? 0;
  if (strings > numbers && strings >= booleans) return 'string';
  if (booleans > numbers) return 'boolean';
  return numbers > 0 || strings === 0 ? 'number' : 'string';
}
