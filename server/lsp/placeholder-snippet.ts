import type { SnippetTextEdit } from 'vscode-languageserver';
import type { Fix, TextEdit } from '../engine/types.ts';

/** Escapes text for a snippet body: `$`, `}` and `\` are snippet syntax. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (character) => `\\${character}`);
}

/** Offset in `newText` of a position in the text after the edit, if the edit wrote it. */
function offsetInNewText(edit: TextEdit, line: number, character: number): number | undefined {
  const lines = edit.newText.split('\n');
  const delta = line - edit.range.start.line;
  if (delta < 0 || delta >= lines.length) return undefined;
  let offset = 0;
  for (let i = 0; i < delta; i++) offset += (lines[i]?.length ?? 0) + 1;
  return offset + character - (delta === 0 ? edit.range.start.character : 0);
}

/**
 * A fix's single edit as a snippet whose tab stop selects the fix's placeholder (e.g. the
 * `<tag>` to type over), for clients with `snippetEditSupport`. Undefined when the fix has no
 * placeholder in this file or it is not inside the one edit's new text.
 */
export function placeholderSnippet(
  uri: string,
  edits: readonly TextEdit[],
  placeholder: Fix['placeholder'],
): SnippetTextEdit | undefined {
  const [edit, ...others] = edits;
  if (!edit || others.length > 0 || placeholder?.uri !== uri) return undefined;
  const { start, end } = placeholder.range;
  if (start.line !== end.line) return undefined;
  const from = offsetInNewText(edit, start.line, start.character);
  if (from === undefined || from < 0 || from + end.character - start.character > edit.newText.length)
    return undefined;
  const to = from + end.character - start.character;
  const value =
    escapeSnippet(edit.newText.slice(0, from)) +
    `\${1:${escapeSnippet(edit.newText.slice(from, to))}}` +
    escapeSnippet(edit.newText.slice(to));
  return { range: edit.range, snippet: { kind: 'snippet', value } };
}
