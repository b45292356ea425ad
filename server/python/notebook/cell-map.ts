import type { Position, Range } from '../../engine/types.ts';

/**
 * How a notebook's code cells were laid out in the virtual module that was analysed: each cell
 * starts on its own line. LSP 3.17 notebook documents give every cell its own text document
 * URI; when those are known (`cellUri`), locations map straight to them.
 */
export interface CellMap {
  readonly notebookUri: string;
  readonly cells: readonly CellSpan[];
}

export interface CellSpan {
  /** Index among all cells of the notebook (markdown cells included), as in the `.ipynb`. */
  readonly index: number;
  /** The cell's document URI from notebook sync, or null when read from the `.ipynb` file. */
  readonly cellUri: string | null;
  readonly cellId: string | null;
  /** First virtual-module line of the cell, and its number of lines. */
  readonly startLine: number;
  readonly lineCount: number;
}

/** A position in one cell: what a diagnostic or edit in a notebook needs. */
export interface CellLocation {
  readonly cellIndex: number;
  readonly cellUri: string | null;
  readonly range: Range;
}

export function cellAtLine(map: CellMap, line: number): CellSpan | null {
  let lo = 0;
  let hi = map.cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cell = map.cells[mid];
    if (!cell) return null;
    if (line < cell.startLine) hi = mid - 1;
    else if (line >= cell.startLine + cell.lineCount) lo = mid + 1;
    else return cell;
  }
  return null;
}

/**
 * Maps a virtual-module range into the cell that holds its start. A range that runs past the end
 * of that cell is cut at the cell's last line.
 */
export function toCellLocation(map: CellMap, range: Range): CellLocation | null {
  const cell = cellAtLine(map, range.start.line);
  if (!cell) return null;
  const lastLine = cell.lineCount - 1;
  const start: Position = { line: range.start.line - cell.startLine, character: range.start.character };
  const endLine = range.end.line - cell.startLine;
  const end: Position =
    endLine > lastLine
      ? { line: lastLine, character: 2_147_483_647 }
      : { line: endLine, character: range.end.character };
  return { cellIndex: cell.index, cellUri: cell.cellUri, range: { start, end } };
}

/** The inverse: a range inside a cell to the virtual module (for edits computed per cell). */
export function fromCellLocation(map: CellMap, location: CellLocation): Range | null {
  const cell = map.cells.find((c) => c.index === location.cellIndex);
  if (!cell) return null;
  const shift = (p: Position): Position => ({ line: p.line + cell.startLine, character: p.character });
  return { start: shift(location.range.start), end: shift(location.range.end) };
}
