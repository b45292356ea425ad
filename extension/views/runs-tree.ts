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
import { MLFLOW_API_PREFIX } from '../../daemon/api/contract.ts';
import type {
  Experiment,
  Run,
  RunStatus,
  SearchExperimentsResponse,
  SearchRunsResponse,
} from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';

export type RunsNode =
  | { readonly kind: 'experiment'; readonly experiment: Experiment }
  | { readonly kind: 'run'; readonly run: Run }
  | { readonly kind: 'message'; readonly text: string };

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
  private readonly changed = new EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData: Event<RunsNode | undefined> = this.changed.event;
  private readonly connection: DaemonConnection;

  constructor(connection: DaemonConnection) {
    this.connection = connection;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (this.connection.state.kind !== 'connected') {
      return [
        {
          kind: 'message',
          text:
            this.connection.state.kind === 'restricted'
              ? 'Trust the workspace to see runs.'
              : 'No daemon connected.',
        },
      ];
    }
    if (!node) {
      const { experiments = [] } = await this.connection.request<SearchExperimentsResponse>(
        'POST',
        `${MLFLOW_API_PREFIX}/experiments/search`,
        { max_results: 200, order_by: ['last_update_time DESC'] },
      );
      return experiments.length > 0
        ? experiments.map((experiment) => ({ kind: 'experiment', experiment }))
        : [
            {
              kind: 'message',
              text: 'No experiments yet: set MLFLOW_TRACKING_URI and run a training script.',
            },
          ];
    }
    if (node.kind !== 'experiment') return [];
    const { runs = [] } = await this.connection.request<SearchRunsResponse>(
      'POST',
      `${MLFLOW_API_PREFIX}/runs/search`,
      {
        experiment_ids: [node.experiment.experiment_id],
        max_results: 100,
        order_by: ['attributes.start_time DESC'],
      },
    );
    return runs.map((run) => ({ kind: 'run', run }));
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
