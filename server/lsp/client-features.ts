import type { ClientCapabilities } from 'vscode-languageserver';
import type { EditSupport } from './workspace-edit.ts';
import { editSupportOf } from './workspace-edit.ts';

/** What the connected client supports, read once from its `initialize` capabilities. */
export interface ClientFeatures {
  /** The client pulls diagnostics (`textDocument/diagnostic`); otherwise the server pushes them. */
  readonly pullDiagnostics: boolean;
  /** The client honours `workspace/diagnostic/refresh`. */
  readonly diagnosticRefresh: boolean;
  /** The client answers `workspace/configuration`. */
  readonly configurationRequests: boolean;
  readonly registerConfigurationChanges: boolean;
  readonly registerFileWatchers: boolean;
  readonly workspaceFolders: boolean;
  /** The client resolves code actions' edits lazily through `codeAction/resolve`. */
  readonly codeActionResolve: boolean;
  readonly edits: EditSupport;
}

export function clientFeaturesOf(capabilities: ClientCapabilities): ClientFeatures {
  const { workspace, textDocument } = capabilities;
  return {
    pullDiagnostics: textDocument?.diagnostic !== undefined,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    configurationRequests: workspace?.configuration === true,
    registerConfigurationChanges: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    registerFileWatchers: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    codeActionResolve: textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    edits: editSupportOf(capabilities),
  };
}
