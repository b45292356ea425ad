/**
 * Physical lines joined by trailing-backslash continuations into logical lines, keeping the
 * way back from a position in the joined text to an offset in the file. Used by requirements
 * files and Dockerfiles, which both continue lines with `\`.
 */
export interface LogicalLine {
  /** The joined text, continuation backslashes and line breaks removed. */
  readonly text: string;
  /** Offset in the file of the first character. */
  readonly start: number;
  /** Offset in the file just after the last physical line, line break included. */
  readonly end: number;
  /** Maps an index in `text` (0..text.length) to an offset in the file. */
  fileOffset(index: number): number;
}

interface Piece {
  readonly at: number;
  readonly fileStart: number;
  readonly length: number;
}

/**
 * Splits `text` into logical lines. `skipInside(line)` tells which physical lines inside a
 * continuation are left out (Dockerfile comments there); they are not joined.
 */
export function logicalLines(
  text: string,
  skipInside: (line: string) => boolean = () => false,
): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pieces: Piece[] = [];
  let joined = '';
  let start = -1;
  let offset = 0;
  const flush = (end: number): void => {
    if (start === -1) return;
    const own = pieces;
    const body = joined;
    out.push({
      text: body,
      start,
      end,
      fileOffset(index) {
        for (let i = own.length - 1; i >= 0; i--) {
          const piece = own[i]!;
          if (index >= piece.at) return piece.fileStart + Math.min(index - piece.at, piece.length);
        }
        return start;
      },
    });
    pieces = [];
    joined = '';
    start = -1;
  };
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length + 1 : newline + 1;
    let content = text.slice(offset, lineEnd);
    if (content.endsWith('\r')) content = content.slice(0, -1);
    if (start !== -1 && skipInside(content)) {
      offset = next;
      continue;
    }
    if (start === -1) start = offset;
    const continued = /(^|[^\\])\\$/.test(content) || content === '\\';
    const kept = continued ? content.slice(0, -1) : content;
    pieces.push({ at: joined.length, fileStart: offset, length: kept.length });
    joined += kept;
    if (!continued || newline === -1) flush(Math.min(next, text.length));
    offset = next;
  }
  flush(text.length);
  return out;
}
