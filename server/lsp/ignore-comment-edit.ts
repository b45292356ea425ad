import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKindOf } from '../engine/file-kind.ts';
import type { FileKind } from '../engine/file-kind.ts';
import { ignoreCommentLine } from '../engine/suppression.ts';
import type { TextEdit } from '../engine/types.ts';

/** Files whose syntax has `#` line comments, where a suppression comment can go. */
const HASH_COMMENT_KINDS: ReadonlySet<FileKind> = new Set([
  'config',
  'yaml',
  'python',
  'requirements',
  'pyproject',
  'dockerfile',
]);

/**
 * Inserts `# mlops-lens: ignore[rule-id] reason` on its own line above `line`, indented like
 * that line and ending with the document's own line break. Undefined for files without `#`
 * comments (JSON, notebooks), where a comment would break the file.
 */
export function ignoreCommentEdit(
  document: TextDocument,
  line: number,
  ruleId: string,
): TextEdit | undefined {
  const kind = fileKindOf(document.uri);
  if (kind === undefined || !HASH_COMMENT_KINDS.has(kind)) return undefined;
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const eol = lineText.endsWith('\r\n') ? '\r\n' : '\n';
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${ignoreCommentLine(indent, ruleId)}${eol}` };
}
