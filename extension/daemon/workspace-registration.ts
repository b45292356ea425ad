/**
 * Registers the window's workspace folders with the daemon whenever it connects (and when folders
 * change), so its importers watch their `mlruns/`, DVC files and model artifacts.
 */
import { workspace } from 'vscode';
import type { Disposable, LogOutputChannel } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { RegisterWorkspacesRequest, WorkspacesResponse } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from './daemon-connection.ts';

export function registerWorkspaceFolders(connection: DaemonConnection, output: LogOutputChannel): Disposable {
  const register = async (): Promise<void> => {
    if (connection.state.kind !== 'connected' || !workspace.isTrusted) return;
    const folders = (workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath);
    if (folders.length === 0) return;
    try {
      const body: RegisterWorkspacesRequest = { folders };
      await connection.request<WorkspacesResponse>('POST', `${NATIVE_API_PREFIX}/workspaces`, body);
    } catch (error) {
      output.warn(`Could not register the workspace folders with the daemon: ${String(error)}`);
    }
  };
  const onState = connection.onDidChangeState((state) => {
    if (state.kind === 'connected') void register();
  });
  const onFolders = workspace.onDidChangeWorkspaceFolders(() => void register());
  return {
    dispose: () => {
      onState.dispose();
      onFolders.dispose();
    },
  };
}
