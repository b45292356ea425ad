/** The Runs view: experiments, then their runs with status and key metrics, newest first. */
import {
  EventEmitter,
  MarkdownString,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
} from 'vscode';
import type { Event, TreeDataProvider } from 'vscode';
import type { Run, RunStatus } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { RunsTreeCache, type MessageNode, type RunsNode } from './runs-tree-cache.ts';

export type { RunsNode } from './runs-tree-cache.ts';

const STATUS_ICONS: Readonly<Record<RunStatus, [string, string | undefined]>> = {
  FINISHED: ['pass', 'testing.iconPassed'],
  FAILED: ['error', 'testing.iconFailed'],
  RUNNING: ['sync~spin', undefined],
  SCHEDULED: ['clock', undefined],
  KILLED: ['circle-slash', 'disabledForeground'],
};

function metricText(run: Run, limit: number): string {
  return run.data.metrics
    .slice(0, limit)
    .map((m) => `${m.key} ${typeof m.value === 'number' ? Number(m.value.toPrecision(4)) : m.value}`)
    .join(' · ');
}

export class RunsTree implements TreeDataProvider<RunsNode> {
  private readonly changed = new EventEmitter<RunsNode | RunsNode[] | undefined>();
  readonly onDidChangeTreeData: Event<RunsNode | RunsNode[] | undefined> = this.changed.event;
  private readonly connection: DaemonConnection;
  private readonly cache: RunsTreeCache;
  /** The message shown instead of runs while no daemon is connected. */
  private message: MessageNode | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;

  constructor(connection: DaemonConnection) {
    this.connection = connection;
    this.cache = new RunsTreeCache((method, pathAndQuery, body) =>
      connection.request(method, pathAndQuery, body),
    );
  }

  /**
   * Fetches again and re-renders only what changed; nothing at all when nothing did (a re-render
   * would drop the selection). Calls while one runs are folded into one more refresh after it.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.refreshOnce().catch(() => undefined);
      } while (this.refreshAgain);
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const message = this.messageFor(this.connection.state.kind);
    if (message !== this.message) {
      // Connected or disconnected: the whole view is something else now.
      this.message = message;
      this.cache.clear();
      this.changed.fire(undefined);
      return;
    }
    if (message !== undefined) return;
    const changes = await this.cache.refresh();
    if (changes.root) this.changed.fire(undefined);
    else if (changes.nodes.length > 0) this.changed.fire([...changes.nodes]);
  }

  /** The message shown for `state` (the same object while it says the same), none when connected. */
  private messageFor(state: DaemonConnection['state']['kind']): MessageNode | undefined {
    if (state === 'connected') return undefined;
    const text = state === 'restricted' ? 'Trust the workspace to see runs.' : 'No daemon connected.';
    return this.message?.text === text ? this.message : { kind: 'message', text };
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!node) {
      this.message = this.messageFor(this.connection.state.kind);
      if (this.message) return [this.message];
      return this.cache.rootNodes();
    }
    return node.kind === 'experiment' ? this.cache.runNodes(node) : [];
  }

  getTreeItem(node: RunsNode): TreeItem {
    switch (node.kind) {
      case 'message':
        return new TreeItem(node.text);
      case 'experiment': {
        const item = new TreeItem(node.experiment.name, TreeItemCollapsibleState.Expanded);
        item.id = `experiment:${node.experiment.experiment_id}`;
        item.iconPath = new ThemeIcon('beaker');
        item.contextValue = 'experiment';
        return item;
      }
      case 'run': {
        const { info, data } = node.run;
        const item = new TreeItem(info.run_name || info.run_id.slice(0, 8));
        item.id = `run:${info.run_id}`;
        item.description = [info.status.toLowerCase(), metricText(node.run, 2)].filter(Boolean).join(' · ');
        const [icon, color] = STATUS_ICONS[info.status];
        item.iconPath = new ThemeIcon(icon, color ? new ThemeColor(color) : undefined);
        item.contextValue = 'run';
        item.tooltip = new MarkdownString(
          [
            `**${info.run_name}** \`${info.run_id}\``,
            `Status: ${info.status}, started ${new Date(info.start_time).toLocaleString()}`,
            data.metrics.length > 0 ? `Metrics: ${metricText(node.run, 20)}` : '',
            data.params.length > 0
              ? `Params: ${data.params.map((p) => `${p.key}=${p.value}`).join(', ')}`
              : '',
          ]
            .filter(Boolean)
            .join('\n\n'),
        );
        return item;
      }
    }
  }
}
