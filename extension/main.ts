/**
 * The extension's entry. Activation only registers commands and starts the language client in
 * the background; nothing waits on the server or the daemon here.
 */
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { commands, window, workspace } from 'vscode';
import { defaultDataDir } from '../daemon/process/daemon-options.ts';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClusterContextNotification } from '../server/lsp/protocol.ts';
import { activateClusterFeatures } from './clusters/cluster-features.ts';
import { registerAddCiWorkflowCommand } from './ci-workflow/add-ci-workflow-command.ts';
import { registerCommands } from './commands.ts';
import { ChangeStream } from './daemon/change-stream.ts';
import { DaemonConnection } from './daemon/daemon-connection.ts';
import { launchDaemon } from './daemon/daemon-launcher.ts';
import { syncGpuPricesSetting } from './daemon/gpu-prices-setting.ts';
import { registerWorkspaceFolders } from './daemon/workspace-registration.ts';
import { registerDaemonCommands } from './daemon/daemon-commands.ts';
import { daemonStatusItem } from './daemon/daemon-status.ts';
import { createLanguageClient } from './language-client.ts';
import { registerAliasCommands } from './views/alias-commands.ts';
import { ModelsTree } from './views/models-tree.ts';
import { registerWebviewPanels } from './webviews/webview-panels.ts';
import { RunsTree } from './views/runs-tree.ts';
import { ViewEventRouter } from './views/view-event-routing.ts';

/** A slow safety poll of the views; changes normally arrive on the daemon's event stream. */
const VIEW_REFRESH_MS = 60_000;

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): void {
  const output = window.createOutputChannel('MLOps Lens', { log: true });
  context.subscriptions.push(output);
  let starting: Promise<LanguageClient> | undefined;
  const ensureClient = (): Promise<LanguageClient> => {
    starting ??= (async () => {
      client = await createLanguageClient(context, output);
      await client.start();
      return client;
    })();
    return starting;
  };
  registerCommands(context, ensureClient, () => output.show());
  registerAddCiWorkflowCommand(context);
  // Analysis is safe in an untrusted workspace (it reads text, runs nothing): start it either way.
  ensureClient().catch((error: unknown) =>
    output.error(`The language server did not start: ${String(error)}`),
  );
  if (!workspace.isTrusted) {
    output.info(
      'Restricted mode: analysis only. The daemon, imports and deployments stay off until the workspace is trusted.',
    );
  }
  activateDaemonViews(context, output, ensureClient);
}

/** The daemon connection, its status bar item, the Runs, Models and Clusters views, and alerts. */
function activateDaemonViews(
  context: ExtensionContext,
  output: LogOutputChannel,
  ensureClient: () => Promise<LanguageClient>,
): void {
  const settings = () => workspace.getConfiguration('mlopsLens');
  const dataDir = (): string => settings().get<string>('daemon.dataDir') || defaultDataDir(process.env);
  const connection = new DaemonConnection({
    dataDir,
    launch: () =>
      launchDaemon({
        nodePath: settings().get<string>('daemon.nodePath', ''),
        script: context.asAbsolutePath('dist/daemon.js'),
        dataDir: dataDir(),
      }),
    autoStart: () => settings().get<boolean>('daemon.autoStart', true),
  });
  const runs = new RunsTree(connection);
  const models = new ModelsTree(connection);
  const refresh = (): void => {
    void runs.refresh();
    void models.refresh();
  };
  // Live updates from the daemon's event stream, coalesced per view and routed by event type;
  // a slow poll covers a broken stream.
  const router = new ViewEventRouter(
    { runs: () => void runs.refresh(), models: () => void models.refresh() },
    300,
  );
  const clusters = activateClusterFeatures(context, connection, async (cluster) => {
    await (await ensureClient()).sendNotification(ClusterContextNotification, { cluster });
  });
  // A restarted language server has lost the cluster context: send it again.
  void ensureClient().then(async (started) => {
    const { State } = await import('vscode-languageclient/node');
    context.subscriptions.push(
      started.onDidChangeState(({ newState }) => {
        if (newState === State.Running) clusters.resendClusterContext();
      }),
    );
  });
  const panels = registerWebviewPanels(context, connection, ensureClient);
  const stream = new ChangeStream((event) => {
    router.onEvent(event);
    clusters.onChange(event);
    panels.onChange(event);
  });
  stream.follow(() => connection.streamTarget);
  const timer = setInterval(() => {
    if (connection.state.kind === 'connected') refresh();
  }, VIEW_REFRESH_MS);
  context.subscriptions.push(
    connection,
    clusters,
    daemonStatusItem(connection),
    window.createTreeView('mlopsLens.runs', { treeDataProvider: runs, canSelectMany: true }),
    window.createTreeView('mlopsLens.models', { treeDataProvider: models, canSelectMany: true }),
    connection.onDidChangeState(refresh),
    registerWorkspaceFolders(connection, output),
    syncGpuPricesSetting(connection, output),
    commands.registerCommand('mlopsLens.refreshViews', async () => {
      await connection.check();
      refresh();
    }),
    ...registerDaemonCommands(connection, () => workspace.isTrusted),
    ...panels.disposables,
    ...registerAliasCommands(connection, refresh),
    workspace.onDidGrantWorkspaceTrust(() => connection.start(true)),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('mlopsLens.daemon')) {
        connection.retryLaunch();
        void connection.check();
      }
    }),
    { dispose: () => (clearInterval(timer), stream.stop(), router.dispose()) },
  );
  connection.start(workspace.isTrusted);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
