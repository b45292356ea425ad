/**
 * A window of samples as typed columns, so the checks run over arrays instead of objects: per
 * column the kind of each row (absent, null, number, string, boolean), the numbers in a
 * Float64Array and the strings as Int32Array codes into a dictionary. Arrays that a column
 * never needs (numbers for a text column) are left out.
 */
import type { DriftValue } from '../api/contract.ts';

export const KIND_ABSENT = 0;
export const KIND_NULL = 1;
export const KIND_NUMBER = 2;
export const KIND_STRING = 3;
export const KIND_BOOLEAN = 4;

export interface FrameColumn {
  readonly kinds: Uint8Array;
  /** The number (booleans as 0/1) of each row; NaN where the row holds none. */
  readonly numbers?: Float64Array;
  /** The string's index in `dictionary`; -1 where the row holds none. */
  readonly codes?: Int32Array;
  readonly dictionary: readonly string[];
}

export interface Frame {
  readonly rowCount: number;
  readonly columns: ReadonlyMap<string, FrameColumn>;
}

/** Builds the frame of a window's feature objects; a column absent from a row is KIND_ABSENT there. */
export function frameOfRows(rows: readonly Readonly<Record<string, DriftValue>>[]): Frame {
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row)) names.add(name);
  const columns = new Map<string, FrameColumn>();
  for (const name of names) columns.set(name, columnOf(rows.map((row) => row[name])));
  return { rowCount: rows.length, columns };
}

/** One column from its values (undefined: absent from that row). */
export function columnOf(values: readonly (DriftValue | undefined)[]): FrameColumn {
  const kinds = new Uint8Array(values.length);
  let numbers: Float64Array | undefined;
  let codes: Int32Array | undefined;
  const dictionary: string[] = [];
  const codeOf = new Map<string, number>();
  values.forEach((value, row) => {
    if (value === undefined) kinds[row] = KIND_ABSENT;
    else if (value === null) kinds[row] = KIND_NULL;
    else if (typeof value === 'string') {
      kinds[row] = KIND_STRING;
      codes ??= new Int32Array(values.length).fill(-1);
      let code = codeOf.get(value);
      if (code === undefined) {
        code = dictionary.length;
        dictionary.push(value);
        codeOf.set(value, code);
      }
      codes[row] = code;
    } else {
      kinds[row] = typeof value === 'boolean' ? KIND_BOOLEAN : KIND_NUMBER;
      numbers ??= new Float64Array(values.length).fill(Number.NaN);
      numbers[row] = Number(value);
    }
  });
  const column: { -readonly [K in keyof FrameColumn]: FrameColumn[K] } = { kinds, dictionary };
  if (numbers !== undefined) column.numbers = numbers;
  if (codes !== undefined) column.codes = codes;
  return column;
}

/** A row's value as text for an example: strings as they are, numbers and booleans as JSON writes them. */
export function rowText(column: FrameColumn, row: number): string {
  const kind = column.kinds[row];
  if (kind === KIND_STRING) return column.dictionary[column.codes?.[row] ?? -1] ?? '';
  if (kind === KIND_NUMBER) return String(column.numbers?.[row]);
  if (kind === KIND_BOOLEAN) return column.numbers?.[row] === 1 ? 'true' : 'false';
  return kind === KIND_NULL ? 'null' : '(absent)';
}
