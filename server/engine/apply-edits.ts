import { LineIndex } from './line-index.ts';
import type { TextEdit } from './types.ts';

/**
 * Applies text edits to a text. Edits that overlap an earlier-applied edit are left out and
 * returned, so "fix all" can run again on the result (as ESLint does).
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
  for (const span of spans) {
    if (span.start < lastEnd) {
      skipped.push(span.edit);
      continue;
    }
    kept.push(span);
    lastEnd = Math.max(lastEnd, span.end);
  }
  let out = '';
  let cursor = 0;
  for (const span of kept) {
    out += text.slice(cursor, span.start) + span.edit.newText;
    cursor = span.end;
  }
  return { text: out + text.slice(cursor), skipped };
}
