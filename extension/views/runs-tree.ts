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
import { CachedTreeRefresh } from './cached-tree-refresh.ts';
import { runCostDescription, runCostTooltip } from './run-cost-text.ts';
import { RunsTreeCache, type RunsNode } from './runs-tree-cache.ts';

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
  private readonly cache: RunsTreeCache;
  private readonly refresher: CachedTreeRefresh<RunsNode>;

  constructor(connection: DaemonConnection) {
    this.cache = new RunsTreeCache((method, pathAndQuery, body) =>
      connection.request(method, pathAndQuery, body),
    );
    this.refresher = new CachedTreeRefresh<RunsNode>({
      state: () => connection.state.kind,
      cache: this.cache,
      fire: (nodes) => this.changed.fire(nodes),
      restrictedText: 'Trust the workspace to see runs.',
    });
  }

  /** Fetches again and re-renders only what changed (see CachedTreeRefresh). */
  refresh(): Promise<void> {
    return this.refresher.refresh();
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!node) {
      const message = this.refresher.message();
      return message ? [message] : this.cache.rootNodes();
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
        item.description = [info.status.toLowerCase(), runCostDescription(node.cost), metricText(node.run, 2)]
          .filter(Boolean)
          .join(' · ');
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
            runCostTooltip(node.cost) ?? '',
          ]
            .filter(Boolean)
            .join('\n\n'),
        );
        return item;
      }
    }
  }
}
