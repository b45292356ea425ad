/**
 * Wires the cluster side of the extension to the daemon: the Clusters view and its commands,
 * the alerts status bar item and notifications, and the live cluster context sent to the
 * language server. Everything reloads on the daemon's cluster and alert events (coalesced),
 * on a slow timer (peak GPU memory moves without events), and when the connection changes.
 */
import { commands, window, workspace } from 'vscode';
import type { Disposable, ExtensionContext } from 'vscode';
import type { ChangeEventData } from '../../daemon/api/contract.ts';
import type { LiveClusterContext } from '../../server/lsp/protocol.ts';
import { AlertNotifier, SHOW_ALERTS_COMMAND } from '../alerts/alert-notifier.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { SerialRefresh } from '../daemon/serial-refresh.ts';
import { registerClusterCommands } from '../views/cluster-commands.ts';
import { registerIdleGpuCommands } from '../views/idle-gpu-commands.ts';
import { ClustersTree } from '../views/clusters-tree.ts';
import type { DaemonRequest } from './cluster-snapshot.ts';
import { loadClusterSnapshot } from './cluster-snapshot.ts';
import { loadLiveClusterContext } from './live-cluster-context.ts';

const CLUSTER_EVENTS = new Set([
  'cluster_state_changed',
  'cluster_objects_changed',
  'cluster_failure',
  'resync',
]);
const COALESCE_MS = 300;
const POLL_MS = 30_000;

export interface ClusterFeatures extends Disposable {
  /** A change from the daemon's event stream. */
  onChange(event: ChangeEventData | { type: 'resync' }): void;
  /** The language server (re)started without the cluster context: send it again. */
  resendClusterContext(): void;
}

export function activateClusterFeatures(
  context: ExtensionContext,
  connection: DaemonConnection,
  sendClusterContext: (cluster: LiveClusterContext | null) => Promise<void>,
): ClusterFeatures {
  const request: DaemonRequest = (method, pathAndQuery, body) =>
    connection.request(method, pathAndQuery, body);
  const tree = new ClustersTree();
  const notifier = new AlertNotifier(request, context.globalState);
  let sent: string | undefined;
  const send = async (cluster: LiveClusterContext | null): Promise<void> => {
    const text = JSON.stringify(cluster);
    if (text === sent) return;
    await sendClusterContext(cluster);
    sent = text;
  };

  const reloadOnce = async (): Promise<void> => {
    const state = connection.state;
    if (state.kind !== 'connected') {
      tree.showProblem(
        state.kind === 'restricted'
          ? 'Restricted mode: clusters are not contacted until the workspace is trusted.'
          : 'No daemon connected.',
      );
      notifier.clear();
      if (sent !== undefined) await send(null);
      return;
    }
    try {
      const settings = workspace.getConfiguration('mlopsLens');
      const snapshot = await loadClusterSnapshot(request, {
        hours: settings.get<number>('idleGpus.hours'),
        thresholdPercent: settings.get<number>('idleGpus.thresholdPercent'),
      });
      tree.show(snapshot);
      const setting = settings.get<string>('clusterContext') || undefined;
      await send(await loadLiveClusterContext(request, snapshot, setting).catch(() => null));
    } catch (error) {
      tree.showProblem(
        `The daemon did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const reloads = new SerialRefresh(reloadOnce);
  const reload = (): Promise<void> => reloads.request().catch(() => undefined);

  let pending: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    pending ??= setTimeout(() => {
      pending = undefined;
      void reload();
    }, COALESCE_MS);
  };
  const timer = setInterval(() => {
    if (connection.state.kind === 'connected') void reload();
  }, POLL_MS);
  const onConnection = (): void => {
    void reload();
    if (connection.state.kind === 'connected') void notifier.refresh().catch(() => undefined);
    else notifier.clear();
  };

  const disposables: Disposable[] = [
    window.createTreeView('mlopsLens.clusters', { treeDataProvider: tree }),
    notifier,
    connection.onDidChangeState(onConnection),
    ...registerClusterCommands(request, soon),
    ...registerIdleGpuCommands(request, soon),
    commands.registerCommand('mlopsLens.refreshClusters', async () => {
      await connection.check();
      await reload();
      if (connection.state.kind === 'connected') await notifier.refresh().catch(() => undefined);
    }),
    commands.registerCommand(SHOW_ALERTS_COMMAND, async () => {
      const picked = await window.showQuickPick(
        notifier.active.map((alert) => ({
          label: `${alert.model_name} v${alert.model_version}`,
          description: alert.rule,
          detail: alert.message,
          alert,
        })),
        { placeHolder: 'Open alerts: pick one to see its evidence' },
      );
      if (picked) await notifier.showEvidence(picked.alert);
    }),
    workspace.onDidChangeConfiguration((event) => {
      if (
        event.affectsConfiguration('mlopsLens.clusterContext') ||
        event.affectsConfiguration('mlopsLens.idleGpus')
      )
        soon();
    }),
  ];
  onConnection();
  return {
    onChange(event) {
      notifier.onChange(event);
      if (CLUSTER_EVENTS.has(event.type)) soon();
    },
    resendClusterContext() {
      sent = undefined;
      soon();
    },
    dispose() {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      for (const disposable of disposables) disposable.dispose();
    },
  };
}
