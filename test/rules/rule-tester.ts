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
  readonly columns?: { readonly start: number; readonly end: number; readonly endLine?: number };
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

/**
 * Expectations of a file that cannot carry comments (JSON), from a sidecar `<fixture>.expect`:
 * one `line:col-line:col rule-id` per line (lines 1-based, columns 0-based UTF-16, as in
 * failure messages); blank lines and lines starting with `#` are ignored.
 */
export function parseSidecarExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\d+):(\d+)-(\d+):(\d+)\s+([a-z]+\/[a-z0-9-]+)$/.exec(line);
    if (!match) throw new Error(`bad expectation line: ${raw}`);
    const [startLine, start, endLine, end] = match.slice(1, 5).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    out.push({ ruleId: match[5] ?? '', line: startLine - 1, columns: { start, end, endLine: endLine - 1 } });
  }
  return out;
}

/** Asserts that the findings of `ruleId` in `document` are exactly the marked ones. */
export function expectMarkedFindings(
  document: SourceDocument,
  ruleId: string,
  options: AnalyzerOptions = {},
  marked: readonly Expectation[] = parseExpectations(document.text),
): Finding[] {
  const findings = new Analyzer(options).analyze(document).findings.filter((f) => f.ruleId === ruleId);
  const expected = marked.filter((e) => e.ruleId === ruleId);
  const unmatched = [...findings];
  for (const expectation of expected) {
    const index = unmatched.findIndex(
      (f) =>
        f.range.start.line === expectation.line &&
        (!expectation.columns ||
          (f.range.start.character === expectation.columns.start &&
            f.range.end.line === (expectation.columns.endLine ?? expectation.line) &&
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
