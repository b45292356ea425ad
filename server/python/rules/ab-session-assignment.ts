import { LineIndex } from '../../engine/line-index.ts';
import type { Report } from '../../engine/types.ts';
import { userIdIn } from './ab-per-request-assignment.ts';
import type { PythonFileRule } from './python-rule.ts';
import { isTestFile } from './test-files.ts';

/**
 * An arm keyed on a session id changes when the session does (a new device, a cleared cookie, a
 * timeout), so one user lands in both arms over the experiment, while the user id was at hand.
 */
export const abSessionAssignment: PythonFileRule = {
  meta: {
    id: 'ab/session-assignment',
    defaultSeverity: 'warning',
    title: 'A/B arm keyed on a session id while a user id is present',
  },
  target: 'python-file',
  check(facts, context) {
    if (isTestFile(facts.uri)) return [];
    const reports: Report[] = [];
    for (const session of facts.ab.callerIds) {
      if (session.kind !== 'session' || !session.keysArm) continue;
      const user = userIdIn(facts, session.scope);
      if (!user) continue;
      // `session.encode()` needs a string: an id that may be a number is converted.
      const text = context.text(facts.uri);
      const next = text ? new LineIndex(text).offset(session.range.end) : -1;
      const key = text?.[next] === '.' ? `str(${user.text})` : user.text;
      reports.push({
        range: session.range,
        message: `The arm is keyed on ${session.text}, a session id: a user who comes back in a new session can land in the other arm; key it on ${user.text}.`,
        related: [{ uri: facts.uri, range: user.range, message: `the user id ${user.text}` }],
        fixes: [
          {
            title: `Key the arm on ${user.text}`,
            changes: [{ uri: facts.uri, edits: [{ range: session.range, newText: key }] }],
            // Existing users may switch arms once: a decision for a person.
            safe: false,
          },
        ],
      });
    }
    return reports;
  },
};
