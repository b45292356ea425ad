/**
 * "Show Lineage for This File's Model": for the Python file or notebook in the active editor,
 * asks the language server which models it trains or serves, finds them in the daemon's
 * registry, and opens the lineage focused on that model version, or says why it cannot.
 */
import { commands, window } from 'vscode';
import type { Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MLFLOW_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ModelVersion } from '../../daemon/api/contract.ts';
import { ModelsOfFileRequest } from '../../server/lsp/protocol.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { lineageForFile } from './lineage-for-file.ts';
import type { LineagePanel } from './lineage-panel.ts';

/** The active editor's file: a notebook's own URI for its cells. */
function activeFileUri(): { uri: string; name: string } | undefined {
  const notebook = window.activeNotebookEditor?.notebook.uri;
  const uri = notebook ?? window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  return { uri: uri.toString(), name: uri.path.split('/').at(-1) ?? uri.path };
}

async function allVersions(connection: DaemonConnection): Promise<ModelVersion[]> {
  const versions: ModelVersion[] = [];
  let token: string | undefined;
  do {
    const page: { model_versions?: ModelVersion[]; next_page_token?: string } = await connection.request(
      'GET',
      `${MLFLOW_API_PREFIX}/model-versions/search?max_results=1000${token ? `&page_token=${encodeURIComponent(token)}` : ''}`,
    );
    versions.push(...(page.model_versions ?? []));
    token = page.next_page_token;
  } while (token);
  return versions;
}

export function registerLineageForFileCommand(
  panel: LineagePanel,
  connection: DaemonConnection,
  ensureClient: () => Promise<LanguageClient>,
): Disposable {
  return commands.registerCommand('mlopsLens.showLineageForFile', async () => {
    const file = activeFileUri();
    if (!file) {
      await window.showWarningMessage('Open the Python training or serving file (or notebook) first.');
      return;
    }
    if (connection.state.kind !== 'connected') {
      await window.showWarningMessage('Lineage comes from the MLOps Lens daemon, and none is connected.');
      return;
    }
    const client = await ensureClient();
    const [models, versions] = await Promise.all([
      client.sendRequest(ModelsOfFileRequest, { uri: file.uri }),
      allVersions(connection),
    ]);
    const result = lineageForFile(file.name, models, versions);
    if (!result.found) {
      await window.showWarningMessage(`No lineage for ${result.reason}`);
      return;
    }
    window.setStatusBarMessage(`Lineage: ${result.because}`, 10_000);
    await panel.show(result.nodeId);
  });
}
