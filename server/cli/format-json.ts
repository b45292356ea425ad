import type { CheckResult } from './check-result.ts';
import { displayPath } from './format-text.ts';

/** Machine-readable output: one object with findings and notes, positions one-based. */
export function formatJson(result: CheckResult): string {
  const position = (p: { line: number; character: number }) => ({
    line: p.line + 1,
    column: p.character + 1,
  });
  return `${JSON.stringify(
    {
      files: result.files.length,
      findings: result.findings.map((f) => ({
        file: displayPath(f.uri, result.root),
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        start: position(f.range.start),
        end: position(f.range.end),
        docsUrl: f.docsUrl,
        related: f.related.map((r) => ({
          file: displayPath(r.uri, result.root),
          start: position(r.range.start),
          message: r.message,
        })),
        fixes: f.fixes.map((fix) => ({ title: fix.title, safe: fix.safe })),
      })),
      notes: result.notes.map((n) => ({
        file: displayPath(n.uri, result.root),
        code: n.code,
        severity: n.severity,
        message: n.message,
        start: position(n.range.start),
      })),
      fixesApplied: result.fixesApplied,
    },
    null,
    2,
  )}\n`;
}
