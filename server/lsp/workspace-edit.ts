import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { ClientCapabilities } from 'vscode-languageserver';
import type { FileChange, Fix } from '../engine/types.ts';
import { placeholderSnippet } from './placeholder-snippet.ts';

/** What the client can apply, from its `workspace.workspaceEdit` capabilities. */
export interface EditSupport {
  readonly documentChanges: boolean;
  readonly createFiles: boolean;
  /** The client applies snippet edits (LSP 3.18), so a fix's placeholder can be selected. */
  readonly snippets: boolean;
}

export function editSupportOf(capabilities: ClientCapabilities): EditSupport {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  return {
    documentChanges: workspaceEdit?.documentChanges === true,
    createFiles: workspaceEdit?.resourceOperations?.includes('create') === true,
    snippets: workspaceEdit?.snippetEditSupport === true,
  };
}

/**
 * Turns a fix's file changes into a WorkspaceEdit the client can apply, or undefined when it
 * cannot (a fix that creates a file, for a client without resource operations). Edits to open
 * documents are pinned to the version the fix was computed for, so a stale edit is rejected.
 * A fix's placeholder becomes a snippet tab stop where the client supports snippet edits.
 */
export function toWorkspaceEdit(
  changes: readonly FileChange[],
  support: EditSupport,
  versionOf: (uri: string) => number | null,
  placeholder?: Fix['placeholder'],
): WorkspaceEdit | undefined {
  const creates = changes.some((change) => change.create === true);
  if (creates && !(support.documentChanges && support.createFiles)) return undefined;
  if (!support.documentChanges) {
    const byUri: Record<string, TextEdit[]> = {};
    for (const change of changes) (byUri[change.uri] ??= []).push(...change.edits);
    return { changes: byUri };
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const change of changes) {
    if (change.create === true) {
      documentChanges.push({ kind: 'create', uri: change.uri, options: { ignoreIfExists: true } });
    }
    const snippet = support.snippets ? placeholderSnippet(change.uri, change.edits, placeholder) : undefined;
    documentChanges.push({
      textDocument: { uri: change.uri, version: change.create === true ? null : versionOf(change.uri) },
      edits: snippet ? [snippet] : [...change.edits],
    });
  }
  return { documentChanges };
}
