import type { Analyzer } from './analyzer.ts';
import { applyEdits } from './apply-edits.ts';
import type { SourceDocument } from './types.ts';

export interface FixAllResult {
  readonly text: string;
  /** Fixes applied, across all passes. */
  readonly applied: number;
}

/**
 * Applies the first safe fix of each finding in the file (optionally of one rule), edits to
 * this file only, re-analysing between passes so that overlapping fixes each get fresh ranges.
 */
export function fixAll(
  analyzer: Analyzer,
  document: SourceDocument,
  options: { ruleId?: string; includeUnsafe?: boolean; maxPasses?: number } = {},
): FixAllResult {
  let text = document.text;
  let applied = 0;
  for (let pass = 0; pass < (options.maxPasses ?? 10); pass++) {
    const findings = analyzer
      .analyze({ uri: document.uri, text })
      .findings.filter((f) => options.ruleId === undefined || f.ruleId === options.ruleId);
    const edits = [];
    for (const finding of findings) {
      const fix = finding.fixes.find((f) => f.safe || options.includeUnsafe === true);
      if (!fix || fix.changes.some((c) => c.uri !== document.uri)) continue;
      edits.push(...fix.changes.flatMap((c) => c.edits));
    }
    if (edits.length === 0) break;
    const result = applyEdits(text, edits);
    if (result.text === text) break;
    applied += edits.length - result.skipped.length;
    text = result.text;
    if (result.skipped.length === 0) break;
  }
  return { text, applied };
}
