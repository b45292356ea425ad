import assert from 'node:assert/strict';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import type { Fix, Report } from '../../server/engine/types.ts';
import { analysePythonText } from '../../server/python/analyse-python.ts';
import type { PythonFileFacts } from '../../server/python/facts/file-facts.ts';
import type { PythonFileRule, PythonRuleContext } from '../../server/python/rules/python-rule.ts';
import { PythonWorkspaceIndex } from '../../server/python/workspace/workspace-index.ts';
import { createTestParser } from './python-parser-setup.ts';

/** Lines carrying `# expect: <rule-id>`: a finding of that rule must start on each, and nowhere else. */
export function expectedLines(text: string, ruleId: string): number[] {
  return text.split('\n').flatMap((line, index) => {
    const ids = /# expect: (.*)$/.exec(line)?.[1]?.split(/[\s,]+/) ?? [];
    return ids.includes(ruleId) ? [index] : [];
  });
}

export function contextFor(
  texts: ReadonlyMap<string, string>,
  index = new PythonWorkspaceIndex({ roots: ['file:///w'] }),
): PythonRuleContext {
  return { index, text: (uri) => texts.get(uri) };
}

export async function checkFileRule(
  rule: PythonFileRule,
  text: string,
  uri = 'file:///w/file.py',
): Promise<{ facts: PythonFileFacts; reports: Report[] }> {
  const parser = await createTestParser();
  const facts = analysePythonText(parser, uri, text);
  return { facts, reports: rule.check(facts, contextFor(new Map([[uri, text]]))) };
}

/** Checks a file against its `# expect:` markers. */
export async function assertMatchesExpectations(
  rule: PythonFileRule,
  text: string,
  label: string,
): Promise<Report[]> {
  const { reports } = await checkFileRule(rule, text);
  assert.deepEqual(
    reports.map((r) => r.range.start.line).sort((a, b) => a - b),
    expectedLines(text, rule.meta.id),
    `${label}: findings of ${rule.meta.id} on the marked lines`,
  );
  return reports;
}

/** Applies every edit of one fix to its file's text (single-file fixes). */
export function applyFix(text: string, fix: Fix, uri: string): string {
  const change = fix.changes.find((c) => c.uri === uri);
  assert.ok(change, `fix ${fix.title} changes ${uri}`);
  const { text: out, skipped } = applyEdits(text, change.edits);
  assert.deepEqual(skipped, [], 'no overlapping edits');
  return out;
}

/** Applies the first fix of every finding, one at a time, and checks the finding is gone. */
export async function assertFixesResolve(rule: PythonFileRule, text: string): Promise<string[]> {
  const uri = 'file:///w/file.py';
  const { reports } = await checkFileRule(rule, text, uri);
  const fixed: string[] = [];
  for (const report of reports) {
    const fix = report.fixes?.[0];
    if (!fix) continue;
    const after = applyFix(text, fix, uri);
    const again = await checkFileRule(rule, after, uri);
    assert.equal(again.reports.length, reports.length - 1, `${fix.title}: one finding fewer`);
    assert.ok(
      !again.facts.notes.some((n) => n.code === 'parse-error'),
      `${fix.title}: result still parses\n${after}`,
    );
    fixed.push(after);
  }
  return fixed;
}
