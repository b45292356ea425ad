/** A quick-fix through the language server: asked for, applied to the open document, re-checked. */
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import type { LspSession } from './lsp-session.ts';

/**
 * Asks for the quick-fixes of `diagnostic`, applies the first one of `rule` that edits `uri`,
 * and returns its edits and the diagnostics of the document's new version.
 */
export async function applyQuickFix(
  session: LspSession,
  uri: string,
  diagnostic: Diagnostic,
  rule: string,
): Promise<{ edits: TextEdit[]; after: Diagnostic[] }> {
  const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.diagnostics?.some((d) => d.code === rule) && a.edit);
  assert.ok(fix, `a quick-fix for ${rule}: ${actions.map((a) => a.title).join(', ')}`);
  const edits = (fix.edit?.documentChanges ?? []).flatMap((c) =>
    'textDocument' in c && c.textDocument.uri === uri ? c.edits : [],
  ) as TextEdit[];
  const lastFirst = [...edits].sort(
    (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
  );
  const after = await session.changeAndWaitForDiagnostics(
    uri,
    lastFirst.map((e) => ({ range: e.range, text: e.newText })),
  );
  return { edits, after };
}
