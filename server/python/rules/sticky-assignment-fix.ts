/**
 * The fix of `ab/per-request-assignment`: adds a hash-based sticky assignment helper to the file
 * (and `import hashlib`) and rewrites the random draw or counter to call it with the user id.
 */
import type { Fix, TextEdit } from '../../engine/types.ts';
import type { ArmPickFact, ArmPickRewrite } from '../facts/ab-testing.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';

const HELPERS = `def sticky_fraction(user_id, salt: str) -> float:
    """A number in [0, 1) fixed by the salted user id: a user keeps the same arm on every request."""
    digest = hashlib.sha256(f"{salt}:{user_id}".encode()).hexdigest()
    return int(digest[:15], 16) / 16**15


def assign_arm(user_id, arms, salt: str):
    """Sticky A/B assignment: the salted user id hashed into one of \`arms\`."""
    return arms[int(sticky_fraction(user_id, salt) * len(arms))]
`;

function replacement(rewrite: ArmPickRewrite, userId: string, salt: string): string {
  const key = JSON.stringify(salt);
  switch (rewrite.form) {
    case 'fraction':
      return `sticky_fraction(${userId}, ${key})`;
    case 'choice':
      return `assign_arm(${userId}, ${rewrite.arms}, ${key})`;
    case 'modulo':
      return `int(sticky_fraction(${userId}, ${key}) * ${rewrite.buckets})`;
  }
}

/** The salt names the experiment: the function and the variable the arm goes to. */
function saltOf(pick: ArmPickFact): string {
  const where = (pick.scope ?? 'module').replace(/\./g, '-');
  const what = pick.decides.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-|-$/g, '');
  return `${where}-${what}`;
}

export function stickyAssignmentFix(facts: PythonFileFacts, pick: ArmPickFact, userId: string): Fix | null {
  if (!pick.rewrite) return null;
  const eol = '\n';
  const hasHelpers = facts.functions.some((f) => f.qualifiedName === 'sticky_fraction');
  const hasHashlib = facts.imports.some(
    (i) => i.scope === null && i.module === 'hashlib' && i.names.length === 0,
  );
  const at = facts.importInsertPosition;
  const inserted = `${hasHashlib ? '' : `import hashlib${eol}`}${hasHelpers ? '' : `${eol}${eol}${HELPERS}${eol}`}`;
  const edits: TextEdit[] = [];
  if (inserted) edits.push({ range: { start: at, end: at }, newText: inserted });
  edits.push({ range: pick.rewrite.range, newText: replacement(pick.rewrite, userId, saltOf(pick)) });
  return {
    title: `Assign ${pick.decides} from a hash of ${userId} (sticky per user)`,
    changes: [{ uri: facts.uri, edits }],
    // It reshuffles users who are already in the experiment: a decision for a person.
    safe: false,
  };
}
