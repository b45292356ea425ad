/**
 * The extension's entry. Activation only registers commands and starts the language client in
 * the background; nothing waits on the server or the daemon here.
 */
import type { ExtensionContext } from 'vscode';
import { window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands.ts';
import { createLanguageClient } from './language-client.ts';

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): void {
  const output = window.createOutputChannel('MLOps Lens', { log: true });
  context.subscriptions.push(output);
  let starting: Promise<LanguageClient> | undefined;
  const ensureClient = (): Promise<LanguageClient> => {
    starting ??= (async () => {
      client = createLanguageClient(context, output);
      await client.start();
      return client;
    })();
    return starting;
  };
  registerCommands(context, ensureClient, () => output.show());
  // Analysis is safe in an untrusted workspace (it reads text, runs nothing): start it either way.
  ensureClient().catch((error: unknown) =>
    output.error(`The language server did not start: ${String(error)}`),
  );
  if (!workspace.isTrusted) {
    output.info(
      'Restricted mode: analysis only. The daemon, imports and deployments stay off until the workspace is trusted.',
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
