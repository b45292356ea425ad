import type { Report } from '../../engine/types.ts';
import type { ArmPickFact, CallerIdFact } from '../facts/ab-testing.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { HandlerFact } from '../facts/serving.ts';
import { isInside } from '../extract/training-markers.ts';
import { helpersOf } from './handler-helpers.ts';
import type { PythonFileRule } from './python-rule.ts';
import { stickyAssignmentFix } from './sticky-assignment-fix.ts';
import { isTestFile } from './test-files.ts';

/** The first user id readable in `scope`: its parameters first, then what its body reads. */
export function userIdIn(facts: PythonFileFacts, scope: string | null): CallerIdFact | undefined {
  const ids = facts.ab.callerIds.filter((id) => id.kind === 'user' && id.scope === scope);
  return ids.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  )[0];
}

function describe(pick: ArmPickFact): string {
  return pick.kind === 'counter' ? `a request counter (${pick.api})` : `${pick.api}()`;
}

/**
 * An arm picked per request (a random draw, a request counter) sends a returning user to a
 * different model on every call: the arms' metrics mix users, and users see flip-flopping results.
 */
export const abPerRequestAssignment: PythonFileRule = {
  meta: {
    id: 'ab/per-request-assignment',
    defaultSeverity: 'error',
    title: 'A/B arm picked per request instead of per user',
  },
  target: 'python-file',
  check(facts) {
    if (facts.ab.armPicks.length === 0 || isTestFile(facts.uri)) return [];
    const handlers: readonly HandlerFact[] = facts.handlers.filter((h) => h.framework !== 'streamlit');
    const handlerNames = new Set(handlers.map((h) => h.name));
    const helpers = helpersOf(facts, handlers);
    const reports: Report[] = [];
    for (const pick of facts.ab.armPicks) {
      const inHandler = isInside(pick.scope, handlerNames);
      const viaHelper = !inHandler && pick.scope ? helpers.get(pick.scope) : undefined;
      if (!inHandler && !viaHelper) continue;
      const where = viaHelper ? `${pick.scope}(), called by the handler ${viaHelper.name},` : pick.scope;
      const userId = userIdIn(facts, pick.scope);
      const handlerUser = viaHelper ? userIdIn(facts, viaHelper.name) : undefined;
      const what = pick.decides.endsWith('()') ? `The arm ${pick.decides} returns` : pick.decides;
      const base = `${what} is picked by ${describe(pick)} in ${where} on every request, so a returning user switches arms`;
      const fix = userId ? stickyAssignmentFix(facts, pick, userId.text) : null;
      const why = userId
        ? fix
          ? `; assign it from a salted hash of ${userId.text}.`
          : `; assign it from a salted hash of ${userId.text} (this expression has no automatic rewrite).`
        : handlerUser
          ? `; pass ${handlerUser.text} from ${viaHelper?.name} into ${pick.scope}() and hash it (no fix: ${pick.scope}() has no user id).`
          : `; hash a user or entity id instead (no fix: no user id is among the handler's parameters or request fields).`;
      reports.push({ range: pick.range, message: `${base}${why}`, ...(fix ? { fixes: [fix] } : {}) });
    }
    return reports;
  },
};
