import type { ServerCapabilities } from 'vscode-languageserver';
import { CodeActionKind, TextDocumentSyncKind } from 'vscode-languageserver';
import type { ClientFeatures } from './client-features.ts';
import { FIX_ALL_KIND } from './code-action-kinds.ts';

export const SERVER_NAME = 'mlops-lens';

/** What the server offers in its `initialize` result. */
export function serverCapabilities(client: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND],
      resolveProvider: client.codeActionResolve,
    },
    diagnosticProvider: {
      identifier: SERVER_NAME,
      interFileDependencies: false,
      workspaceDiagnostics: true,
    },
    // Jupyter notebooks synced cell by cell (LSP 3.17); their Python cells are analysed together.
    notebookDocumentSync: {
      notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
      save: true,
    },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
