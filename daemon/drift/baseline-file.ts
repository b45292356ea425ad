/**
 * Reads a baseline's columns from a file or from a file's bytes: CSV with a header row
 * (csv-parse; numbers become numbers, empty cells missing) or Parquet (hyparquet; integers,
 * including 64-bit ones, become numbers, dates ISO strings). A file path must be absolute.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects, type AsyncBuffer } from 'hyparquet';
import type { DriftBaselineSource, DriftValue } from '../api/contract.ts';
import { invalidParameter } from '../store/tracking-error.ts';

export type BaselineFileFormat = Exclude<DriftBaselineSource, 'api'>;

export interface FileColumns {
  source: BaselineFileFormat;
  columns: Record<string, DriftValue[]>;
}

/** The format a file name's extension says, or undefined when it is neither CSV nor Parquet. */
export function baselineFormatOf(fileName: string): BaselineFileFormat | undefined {
  const extension = path.extname(fileName).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.parquet' ? 'parquet' : undefined;
}

export async function readBaselineFile(file: string): Promise<FileColumns> {
  if (!path.isAbsolute(file)) throw invalidParameter(`'file' must be an absolute path: '${file}'.`);
  const format = baselineFormatOf(file);
  if (format === undefined) throw invalidParameter(`'file' must be a .csv or .parquet file: '${file}'.`);
  return parseColumns(
    format,
    file,
    async () => readFile(file, 'utf8'),
    async () => asyncBufferFromFile(file),
  );
}

/** Columns from the bytes of a CSV or Parquet file; `label` names the file in errors. */
export async function parseBaselineBytes(
  bytes: Buffer,
  format: BaselineFileFormat,
  label: string,
): Promise<FileColumns> {
  return parseColumns(
    format,
    label,
    () => Promise.resolve(bytes.toString('utf8')),
    () => Promise.resolve(new Uint8Array(bytes).buffer),
  );
}

async function parseColumns(
  format: BaselineFileFormat,
  label: string,
  text: () => Promise<string>,
  buffer: () => Promise<AsyncBuffer | ArrayBuffer>,
): Promise<FileColumns> {
  try {
    if (format === 'csv') return { source: 'csv', columns: toColumns(parseCsv(await text())) };
    const rows = await parquetReadObjects({ file: await buffer() });
    return { source: 'parquet', columns: toColumns(rows) };
  } catch (error) {
    if (error instanceof Error && error.name === 'TrackingError') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidParameter(`Cannot read '${label}': ${reason}`);
  }
}

function parseCsv(text: string): Record<string, unknown>[] {
  return parse<Record<string, unknown>>(text, {
    columns: true,
    skip_empty_lines: true,
    cast: (value, context) => {
      if (context.header || context.quoting) return value;
      if (value.trim() === '' || /^nan$/i.test(value.trim())) return null;
      const number = Number(value);
      return Number.isNaN(number) ? value : number;
    },
  });
}

function toColumns(rows: readonly Record<string, unknown>[]): Record<string, DriftValue[]> {
  const columns: Record<string, DriftValue[]> = {};
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row)) names.add(name);
  for (const name of names) columns[name] = rows.map((row) => cell(row[name]));
  return columns;
}

function cell(value: unknown): DriftValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}
