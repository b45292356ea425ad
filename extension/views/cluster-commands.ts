/**
 * The Clusters view's context menu: watch or stop watching a kubeconfig context, mark it
 * production or not. Each is a setting of the daemon (`clusters/contexts/settings`); in a
 * restricted workspace nothing is contacted and the command says so.
 */
import { commands, window, workspace } from 'vscode';
import type { Disposable } from 'vscode';
import type { ClusterContextSettingsRequest } from '../../daemon/api/contract.ts';
import type { DaemonRequest } from '../clusters/cluster-snapshot.ts';
import { CLUSTERS_ROUTE } from '../clusters/cluster-snapshot.ts';
import type { ClustersNode } from './clusters-tree.ts';

type Change = Omit<ClusterContextSettingsRequest, 'context'>;

const COMMANDS: ReadonlyArray<readonly [id: string, change: Change, done: string]> = [
  ['mlopsLens.watchClusterContext', { enabled: true }, 'is now watched'],
  ['mlopsLens.unwatchClusterContext', { enabled: false }, 'is no longer watched'],
  ['mlopsLens.markClusterProduction', { production: true }, 'is marked production'],
  ['mlopsLens.unmarkClusterProduction', { production: false }, 'is no longer marked production'],
];

async function contextName(
  node: ClustersNode | undefined,
  request: DaemonRequest,
): Promise<string | undefined> {
  if (node?.kind === 'context') return node.name;
  const { contexts } = await request<{ contexts: Array<{ name: string }> }>(
    'GET',
    `${CLUSTERS_ROUTE}/contexts`,
  );
  return window.showQuickPick(
    contexts.map((c) => c.name),
    { placeHolder: 'Kubeconfig context' },
  );
}

export function registerClusterCommands(request: DaemonRequest, changed: () => void): Disposable[] {
  return COMMANDS.map(([id, change, done]) =>
    commands.registerCommand(id, async (node?: ClustersNode) => {
      if (!workspace.isTrusted) {
        void window.showInformationMessage(
          'Restricted mode: MLOps Lens contacts no cluster until the workspace is trusted.',
        );
        return;
      }
      try {
        const context = await contextName(node, request);
        if (context === undefined) return;
        await request('POST', `${CLUSTERS_ROUTE}/contexts/settings`, { context, ...change });
        changed();
        void window.showInformationMessage(`Context ${context} ${done}.`);
      } catch (error) {
        void window.showErrorMessage(`MLOps Lens: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}
