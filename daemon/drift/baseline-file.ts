/**
 * Reads a baseline's columns from a file: CSV with a header row (csv-parse; numbers become
 * numbers, empty cells missing) or Parquet (hyparquet; integers, including 64-bit ones, become
 * numbers, dates ISO strings). The path must be absolute.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import type { DriftBaselineSource, DriftValue } from '../api/contract.ts';
import { invalidParameter } from '../store/tracking-error.ts';

export interface FileColumns {
  source: Exclude<DriftBaselineSource, 'api'>;
  columns: Record<string, DriftValue[]>;
}

export async function readBaselineFile(file: string): Promise<FileColumns> {
  if (!path.isAbsolute(file)) throw invalidParameter(`'file' must be an absolute path: '${file}'.`);
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.parquet')
    throw invalidParameter(`'file' must be a .csv or .parquet file: '${file}'.`);
  try {
    if (extension === '.csv') return { source: 'csv', columns: toColumns(await readCsv(file)) };
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
    return { source: 'parquet', columns: toColumns(rows) };
  } catch (error) {
    if (error instanceof Error && error.name === 'TrackingError') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidParameter(`Cannot read '${file}': ${reason}`);
  }
}

async function readCsv(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8');
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
