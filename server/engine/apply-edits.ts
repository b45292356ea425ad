import { LineIndex } from './line-index.ts';
import type { TextEdit } from './types.ts';

/**
 * Applies text edits to a text. Edits that overlap an earlier-applied edit, and insertions at
 * the point of an earlier-applied insertion, are left out and returned, so "fix all" can run
 * again on the result (as ESLint does).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const lines = new LineIndex(text);
  const spans = edits
    .map((edit, order) => ({
      edit,
      order,
      start: lines.offset(edit.range.start),
      end: lines.offset(edit.range.end),
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  const skipped: TextEdit[] = [];
  const kept: typeof spans = [];
  let lastEnd = -1;
  let lastInsertAt = -1;
  for (const span of spans) {
    const insertion = span.start === span.end;
    // Two insertions at one point conflict too: which text goes first depends on the maps they
    // belong to (a key for `limits:` and a key for the container both land after its last
    // line), so the second waits for the next pass, which re-analyses with fresh ranges.
    if (span.start < lastEnd || (insertion && span.start === lastInsertAt)) {
      skipped.push(span.edit);
      continue;
    }
    kept.push(span);
    lastEnd = Math.max(lastEnd, span.end);
    if (insertion) lastInsertAt = span.start;
  }
  let out = '';
  let cursor = 0;
  for (const span of kept) {
    out += text.slice(cursor, span.start) + span.edit.newText;
    cursor = span.end;
  }
  return { text: out + text.slice(cursor), skipped };
}
