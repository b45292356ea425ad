/**
 * A notebook synced cell by cell (LSP 3.17 notebook documents) is analysed as one module; its
 * findings, related locations, fixes and notes are moved here onto the cell documents, at
 * cell-relative positions.
 */
import { cellAtLine, toCellLocation } from '../python/notebook/cell-map.ts';
import type { CellMap } from '../python/notebook/cell-map.ts';
import type { FileChange, Finding, Fix, Note, Position, Range, RelatedLocation, TextEdit } from './types.ts';

/** Whether the notebook's cells came from notebook sync (each has its own document URI). */
export function isSyncedNotebook(map: CellMap | null | undefined): map is CellMap {
  return !!map && map.cells.length > 0 && map.cells.every((cell) => cell.cellUri !== null);
}

/** A module range as a cell document and a range in it; undefined when it is not inside one cell. */
export function toCellRange(map: CellMap, range: Range): { uri: string; range: Range } | undefined {
  const cell = cellAtLine(map, range.start.line);
  if (!cell?.cellUri) return undefined;
  const cellEnd = cell.startLine + cell.lineCount;
  // A whole-line deletion of the cell's last line ends at the start of the line after it.
  const endsJustPast = range.end.line === cellEnd && range.end.character === 0;
  if (range.end.line >= cellEnd && !endsJustPast) return undefined;
  const shift = (p: Position): Position => ({ line: p.line - cell.startLine, character: p.character });
  return { uri: cell.cellUri, range: { start: shift(range.start), end: shift(range.end) } };
}

/** A fix's edits on the notebook moved to its cells; undefined when an edit crosses cells. */
function toCellFix(fix: Fix, map: CellMap): Fix | undefined {
  const others = fix.changes.filter((change) => change.uri !== map.notebookUri);
  const byCell = new Map<string, TextEdit[]>();
  for (const change of fix.changes) {
    if (change.uri !== map.notebookUri) continue;
    for (const edit of change.edits) {
      const target = toCellRange(map, edit.range);
      if (!target) return undefined;
      byCell.set(target.uri, [...(byCell.get(target.uri) ?? []), { ...edit, range: target.range }]);
    }
  }
  const changes: FileChange[] = [...[...byCell].map(([uri, edits]) => ({ uri, edits })), ...others];
  const { placeholder, ...rest } = fix;
  if (placeholder?.uri !== map.notebookUri) return { ...fix, changes };
  const target = toCellRange(map, placeholder.range);
  return target ? { ...rest, changes, placeholder: target } : { ...rest, changes };
}

/** Related locations in synced notebooks moved to their cells (`mapOf` gives a file's cell map). */
export function relatedInCells(
  related: readonly RelatedLocation[],
  mapOf: (uri: string) => CellMap | null | undefined,
): RelatedLocation[] {
  return related.map((location) => {
    const map = mapOf(location.uri);
    if (!isSyncedNotebook(map)) return location;
    const cell = toCellLocation(map, location.range);
    return cell?.cellUri ? { ...location, uri: cell.cellUri, range: cell.range } : location;
  });
}

/**
 * Fixes whose edits reach into notebooks: edits in a synced notebook move to its cells; a fix
 * that edits a notebook read from its `.ipynb` JSON (or edits across cells) is dropped, since its
 * ranges are in the analysed module, not in the file.
 */
export function fixesInCells(
  fixes: readonly Fix[],
  mapOf: (uri: string) => CellMap | null | undefined,
): Fix[] {
  return fixes.flatMap((fix) => {
    let current: Fix | undefined = fix;
    for (const change of fix.changes) {
      const map = mapOf(change.uri);
      if (!map || !current) continue;
      current = isSyncedNotebook(map) ? toCellFix(current, map) : undefined;
    }
    return current ?? [];
  });
}

/** A finding of the notebook module as a finding of the cell that holds it. */
export function toCellFinding(finding: Finding, map: CellMap): Finding | undefined {
  const location = toCellLocation(map, finding.range);
  if (!location?.cellUri) return undefined;
  const fixes = finding.fixes.flatMap((fix) => toCellFix(fix, map) ?? []);
  return { ...finding, uri: location.cellUri, range: location.range, fixes };
}

/** A note of the notebook module on its cell; notes outside every cell go on the first cell. */
export function toCellNote(note: Note, map: CellMap): Note {
  const location = toCellLocation(map, note.range);
  if (location?.cellUri) return { ...note, uri: location.cellUri, range: location.range };
  const start = { line: 0, character: 0 };
  return { ...note, uri: map.cells[0]?.cellUri ?? note.uri, range: { start, end: start } };
}
