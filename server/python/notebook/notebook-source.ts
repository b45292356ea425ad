import type { Note } from '../../engine/types.ts';
import type { CellMap, CellSpan } from './cell-map.ts';

/** A code cell's text, as it arrives from LSP notebook sync or from the `.ipynb` file. */
export interface NotebookCell {
  readonly index: number;
  readonly text: string;
  readonly cellUri?: string | null;
  readonly cellId?: string | null;
}

export interface VirtualModule {
  readonly text: string;
  readonly map: CellMap;
  readonly notes: Note[];
}

/**
 * Joins code cells into one module. IPython magics and shell escapes (`%pip`, `!ls`, `%%time`)
 * become comments of the same length, so columns do not move.
 */
export function buildVirtualModule(notebookUri: string, cells: readonly NotebookCell[]): VirtualModule {
  const spans: CellSpan[] = [];
  const parts: string[] = [];
  let line = 0;
  for (const cell of cells) {
    const lines = cell.text.split(/\r?\n/).map(neutraliseMagic);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    spans.push({
      index: cell.index,
      cellUri: cell.cellUri ?? null,
      cellId: cell.cellId ?? null,
      startLine: line,
      lineCount: lines.length,
    });
    parts.push(lines.join('\n'));
    line += lines.length;
  }
  return {
    text: parts.join('\n') + (parts.length > 0 ? '\n' : ''),
    map: { notebookUri, cells: spans },
    notes: [],
  };
}

function neutraliseMagic(line: string): string {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('%') || trimmed.startsWith('!')) {
    const indent = line.length - trimmed.length;
    return `${line.slice(0, indent)}#${trimmed.slice(1)}`;
  }
  return line;
}

/** Reads the code cells of `.ipynb` JSON. Invalid JSON gives no cells and a note, never a throw. */
export function readNotebookCells(
  notebookUri: string,
  json: string,
): { cells: NotebookCell[]; notes: Note[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return {
      cells: [],
      notes: [note(notebookUri, `Not a valid notebook (JSON): ${(error as Error).message}`)],
    };
  }
  const rawCells = isRecord(parsed) && Array.isArray(parsed.cells) ? (parsed.cells as unknown[]) : null;
  if (!rawCells) return { cells: [], notes: [note(notebookUri, 'Not a valid notebook: no "cells" array')] };
  const cells: NotebookCell[] = [];
  const notes: Note[] = [];
  rawCells.forEach((raw, index) => {
    if (!isRecord(raw) || raw.cell_type !== 'code') return;
    const source = raw.source;
    let text: string;
    if (typeof source === 'string') text = source;
    else if (Array.isArray(source) && source.every((s) => typeof s === 'string')) text = source.join('');
    else {
      notes.push(note(notebookUri, `Cell ${index} has no readable source`));
      return;
    }
    cells.push({ index, text, cellId: typeof raw.id === 'string' ? raw.id : null });
  });
  return { cells, notes };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function note(uri: string, message: string): Note {
  const start = { line: 0, character: 0 };
  return { uri, range: { start, end: start }, severity: 'information', code: 'parse-error', message };
}
