import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Severity } from '../engine/types.ts';
import type { CheckResult } from './check-result.ts';

function displayPath(uri: string, root: string): string {
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative;
}

function plural(count: number, word: string): string {
  if (count === 1) return `${count} ${word}`;
  return `${count} ${/(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`}`;
}

/** `file:line:col severity rule-id message`, one per line, then a summary. */
export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  const rows = [
    ...result.notes.map((n) => ({
      uri: n.uri,
      range: n.range,
      severity: n.severity,
      id: n.code,
      message: n.message,
    })),
    ...result.findings.map((f) => ({
      uri: f.uri,
      range: f.range,
      severity: f.severity,
      id: f.ruleId,
      message: f.message,
    })),
  ].sort(
    (a, b) =>
      a.uri.localeCompare(b.uri) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
  for (const row of rows) {
    const where = `${displayPath(row.uri, result.root)}:${row.range.start.line + 1}:${row.range.start.character + 1}`;
    lines.push(`${where} ${row.severity} ${row.id} ${row.message}`);
  }
  const count = (severity: Severity): number => result.findings.filter((f) => f.severity === severity).length;
  const fixable = result.findings.filter((f) => f.fixes.some((fix) => fix.safe)).length;
  if (lines.length > 0) lines.push('');
  lines.push(
    `${plural(result.findings.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ` +
      `${count('information')} information) in ${plural(result.files.length, 'file')} checked` +
      (result.notes.length > 0 ? `; ${plural(result.notes.length, 'file note')}` : '') +
      (fixable > 0 ? `; ${fixable} fixable with --fix` : '') +
      (result.fixesApplied > 0 ? `; ${plural(result.fixesApplied, 'fix')} applied` : '') +
      '.',
  );
  return `${lines.join('\n')}\n`;
}

export { displayPath };
