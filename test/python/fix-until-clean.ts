import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../server/engine/types.ts';
import type { PythonFileRule } from '../../server/python/rules/python-rule.ts';
import { FIXTURES } from './fixture-facts.ts';
import { applyFix, checkFileRule } from './rule-harness.ts';

/**
 * Applies the first fix of the first fixable finding, re-checks, and repeats until no finding
 * has a fix. Each round must remove at least one finding and leave a file that parses.
 */
export async function fixUntilClean(
  rule: PythonFileRule,
  text: string,
  uri = 'file:///w/file.py',
): Promise<{ text: string; remaining: Report[]; rounds: number }> {
  let current = text;
  let { reports } = await checkFileRule(rule, current, uri);
  for (let round = 0; round < 50; round++) {
    const fix = reports.find((r) => (r.fixes ?? []).length > 0)?.fixes?.[0];
    if (!fix) return { text: current, remaining: reports, rounds: round };
    const next = applyFix(current, fix, uri);
    const again = await checkFileRule(rule, next, uri);
    assert.ok(again.reports.length < reports.length, `${fix.title}: fewer findings after the fix\n${next}`);
    assert.ok(
      !again.facts.notes.some((n) => n.code === 'parse-error'),
      `${fix.title}: still parses\n${next}`,
    );
    current = next;
    reports = again.reports;
  }
  assert.fail('fixes did not converge');
}

/** Compares with the golden `<name>.fixed.py` beside a fixture (`UPDATE_GOLDEN=1` writes it). */
export function assertGolden(fixture: string, actual: string): void {
  const golden = path.join(FIXTURES, fixture.replace(/\.py$/, '.fixed.py'));
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
  assert.ok(existsSync(golden), `missing golden file ${golden} (UPDATE_GOLDEN=1 writes it)`);
  assert.equal(actual, readFileSync(golden, 'utf8'), `${fixture}: fixed text differs from the golden file`);
}
