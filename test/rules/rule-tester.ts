/**
 * The rule tester. A fixture marks each expected finding inline:
 *   - a comment line of carets under the exact range on the line above, then the rule id:
 *         nvidia.com/gpu: 1
 *       # ^^^^^^^^^^^^^^ gpu/limits-missing
 *   - or, where carets cannot reach (a range at column 0), `# expect: rule-id` at the end of
 *     the line the finding starts on.
 * The tester checks that exactly the marked findings of the rule appear, at those ranges.
 */
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { fixAll } from '../../server/engine/fix-all.ts';
import type { Finding, SourceDocument } from '../../server/engine/types.ts';
import type { AnalyzerOptions } from '../../server/engine/analyzer.ts';

export interface Expectation {
  readonly ruleId: string;
  readonly line: number;
  /** Exact columns, when marked with carets. */
  readonly columns?: { readonly start: number; readonly end: number };
}

const CARETS = /^(\s*#\s*)(\^+)\s+([a-z]+\/[a-z0-9-]+)\s*$/;
const EXPECT = /#\s*expect:\s*([a-z]+\/[a-z0-9-]+(?:\s*,\s*[a-z]+\/[a-z0-9-]+)*)\s*$/;

export function parseExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let lastCodeLine = -1;
  lines.forEach((line, index) => {
    const carets = CARETS.exec(line);
    if (carets?.[1] !== undefined && carets[2] && carets[3]) {
      const start = carets[1].length;
      out.push({ ruleId: carets[3], line: lastCodeLine, columns: { start, end: start + carets[2].length } });
      return;
    }
    lastCodeLine = index;
    const expect = EXPECT.exec(line);
    if (expect?.[1]) for (const id of expect[1].split(',')) out.push({ ruleId: id.trim(), line: index });
  });
  return out;
}

function describe(finding: Finding): string {
  const { start, end } = finding.range;
  return `${finding.ruleId} ${start.line + 1}:${start.character}-${end.line + 1}:${end.character} ${finding.message}`;
}

/** Asserts that the findings of `ruleId` in `document` are exactly the marked ones. */
export function expectMarkedFindings(
  document: SourceDocument,
  ruleId: string,
  options: AnalyzerOptions = {},
): Finding[] {
  const findings = new Analyzer(options).analyze(document).findings.filter((f) => f.ruleId === ruleId);
  const expected = parseExpectations(document.text).filter((e) => e.ruleId === ruleId);
  const unmatched = [...findings];
  for (const expectation of expected) {
    const index = unmatched.findIndex(
      (f) =>
        f.range.start.line === expectation.line &&
        (!expectation.columns ||
          (f.range.start.character === expectation.columns.start &&
            f.range.end.line === expectation.line &&
            f.range.end.character === expectation.columns.end)),
    );
    assert.ok(
      index !== -1,
      `${document.uri}: expected ${ruleId} at line ${expectation.line + 1}` +
        `${expectation.columns ? ` columns ${expectation.columns.start}-${expectation.columns.end}` : ''}; got:\n  ${findings.map(describe).join('\n  ') || '(none)'}`,
    );
    unmatched.splice(index, 1);
  }
  assert.deepEqual(unmatched.map(describe), [], `${document.uri}: unexpected ${ruleId} findings`);
  return findings;
}

/** Applies the rule's fixes the way "fix all" does and returns the fixed text. */
export function fixAllOf(document: SourceDocument, ruleId: string, options: AnalyzerOptions = {}): string {
  return fixAll(new Analyzer(options), document, { ruleId, includeUnsafe: true }).text;
}
