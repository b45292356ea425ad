import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ignoreCommentLine } from '../engine/suppression.ts';
import type { TextEdit } from '../engine/types.ts';

/**
 * Inserts `# mlops-lens: ignore[rule-id] reason` on its own line above `line`, indented like
 * that line and ending with the document's own line break.
 */
export function ignoreCommentEdit(document: TextDocument, line: number, ruleId: string): TextEdit {
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const eol = lineText.endsWith('\r\n') ? '\r\n' : '\n';
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${ignoreCommentLine(indent, ruleId)}${eol}` };
}
