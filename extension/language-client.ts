import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { workspace } from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../server/lsp/protocol.ts';
import { SETTINGS_SECTION } from '../server/lsp/settings.ts';

/** The files the server analyses: manifests, registry metadata, Python, notebooks, configuration. */
const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'python' },
  { scheme: 'file', language: 'pip-requirements' },
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'toml' },
  { notebook: 'jupyter-notebook', language: 'python' },
];

function initializationOptions(): InitializationOptions {
  const settings = workspace.getConfiguration(SETTINGS_SECTION);
  const clusterContext = settings.get<string>('clusterContext');
  return {
    enable: settings.get<boolean>('enable', true),
    workspaceDiagnostics: settings.get<boolean>('workspaceDiagnostics', true),
    ...(clusterContext ? { clusterContext } : {}),
  };
}

/**
 * Creates the client for the bundled server (`dist/server.js`), which runs on VS Code's own Node.
 * The client library is loaded here, after activation has returned, not when the extension loads:
 * it is most of the extension's start-up cost, and nothing at activation needs it.
 */
export async function createLanguageClient(
  context: ExtensionContext,
  output: LogOutputChannel,
): Promise<LanguageClient> {
  const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    initializationOptions: initializationOptions(),
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: workspace.createFileSystemWatcher('**/{.mlops-lens.yaml,.gitignore,*.dvc,dvc.yaml}'),
    },
  };
  return new LanguageClient('mlopsLens', 'MLOps Lens', serverOptions, clientOptions);
}
