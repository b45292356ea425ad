import type { LineIndex } from './line-index.ts';

/**
 * `# mlops-lens: ignore[rule-id, other-id] reason` on the finding's line or the line above
 * suppresses those rules there (Python and YAML). `ignore[*]` suppresses every rule.
 */
const IGNORE_COMMENT = /#\s*mlops-lens:\s*ignore\[([^\]]*)\]/;

export function suppressedRules(lines: LineIndex, line: number): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const candidate of [line, line - 1]) {
    if (candidate < 0 || candidate >= lines.lineCount) continue;
    const match = IGNORE_COMMENT.exec(lines.lineText(candidate));
    if (!match?.[1]) continue;
    for (const id of match[1].split(',')) {
      const trimmed = id.trim();
      if (trimmed) ids.add(trimmed);
    }
  }
  return ids;
}

export function isSuppressed(lines: LineIndex, line: number, ruleId: string): boolean {
  const ids = suppressedRules(lines, line);
  return ids.has(ruleId) || ids.has('*');
}

/** The text of a comment that suppresses `ruleId` on the line below, for the "ignore" code action. */
export function ignoreCommentLine(indent: string, ruleId: string): string {
  return `${indent}# mlops-lens: ignore[${ruleId}] reason`;
}
