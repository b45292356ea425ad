/**
 * Counts the rows of a column that break a condition, exactly, and keeps the first few of their
 * values as examples, each cut short: sample values are features and are never stored in full.
 */
import { rowText, type FrameColumn } from './frame-columns.ts';

export const MAX_EXAMPLES = 5;
export const MAX_EXAMPLE_CHARS = 40;

export interface OffendingRows {
  count: number;
  examples: string[];
}

export function offendingRows(column: FrameColumn, breaks: (row: number) => boolean): OffendingRows {
  let count = 0;
  const examples: string[] = [];
  const rows = column.kinds.length;
  for (let row = 0; row < rows; row += 1) {
    if (!breaks(row)) continue;
    count += 1;
    if (examples.length < MAX_EXAMPLES) examples.push(truncated(rowText(column, row)));
  }
  return { count, examples };
}

export function truncated(text: string): string {
  return text.length <= MAX_EXAMPLE_CHARS ? text : `${text.slice(0, MAX_EXAMPLE_CHARS - 1)}…`;
}
