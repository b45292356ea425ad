/**
 * Maps a position inside a notebook cell (line and UTF-16 character of the cell's source) to
 * the position in the `.ipynb` JSON text where that character is written, so findings in a
 * notebook read as file positions (CLI, SARIF). Escapes in the JSON strings are decoded on the
 * way, so the column is exact.
 */
import { LineIndex } from './line-index.ts';
import { notebookSourceLiterals } from './notebook-source-literals.ts';
import type { Position, Range } from './types.ts';

export class NotebookJsonPositions {
  private readonly lines: LineIndex;
  /** Per cell index: the raw JSON ranges `[start, end)` of its source string literals, in order. */
  private readonly sources: Array<Array<[number, number]>>;

  constructor(json: string) {
    this.lines = new LineIndex(json);
    this.sources = notebookSourceLiterals(json) ?? [];
  }

  /** The JSON position of `position` in cell `cellIndex`, or undefined when it cannot be found. */
  position(cellIndex: number, position: Position): Position | undefined {
    const literals = this.sources[cellIndex];
    if (!literals) return undefined;
    let line = 0;
    for (const [start, end] of literals) {
      // Walk the literal (after its opening quote), decoding escapes, counting lines and columns.
      let column = 0;
      let endsWithNewline = false;
      for (let raw = start + 1; raw < end - 1;) {
        if (line === position.line && column === position.character) return this.lines.position(raw);
        const char = this.lines.text[raw];
        let width = 1;
        let decoded = char;
        if (char === '\\') {
          const next = this.lines.text[raw + 1];
          width = next === 'u' ? 6 : 2;
          decoded = next === 'n' ? '\n' : next;
        }
        raw += width;
        endsWithNewline = decoded === '\n';
        if (decoded === '\n') {
          if (line === position.line) return this.lines.position(raw - width);
          line++;
          column = 0;
        } else column++;
      }
      // A position at the very end of a line that has no newline (the cell's last line).
      if (line === position.line && !endsWithNewline) return this.lines.position(end - 1);
    }
    return undefined;
  }

  range(cellIndex: number, range: Range): Range | undefined {
    const start = this.position(cellIndex, range.start);
    if (!start) return undefined;
    const sameLine = range.end.line === range.start.line;
    const end = sameLine ? this.position(cellIndex, range.end) : undefined;
    return { start, end: end ?? start };
  }
}
