import { commands, window } from 'vscode';
import type { Disposable } from 'vscode';
import { MLFLOW_API_PREFIX } from '../../daemon/api/contract.ts';
import type {
  ModelVersion,
  SearchExperimentsResponse,
  SearchRunsResponse,
} from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { ModelsNode } from '../views/models-tree.ts';
import type { RunsNode } from '../views/runs-tree.ts';
import type { LineagePanel } from './lineage-panel.ts';

/** The lineage node id of a view item: `run:<id>` or `model_version:<name>@<version>`. */
export function lineageNodeOf(item: RunsNode | ModelsNode | undefined): string | undefined {
  if (item?.kind === 'run') return `run:${item.run.info.run_id}`;
  if (item?.kind === 'version') return `model_version:${item.version.name}@${item.version.version}`;
  return undefined;
}

/** "Show Lineage": for the view item it was invoked on, or a run or model version picked from a list. */
export function registerLineageCommand(panel: LineagePanel, connection: DaemonConnection): Disposable {
  return commands.registerCommand('mlopsLens.showLineage', async (item?: RunsNode | ModelsNode) => {
    let nodeId = lineageNodeOf(item);
    if (!nodeId) {
      if (connection.state.kind !== 'connected') {
        await window.showWarningMessage('Lineage comes from the MLOps Lens daemon, and none is connected.');
        return;
      }
      const { experiments = [] } = await connection.request<SearchExperimentsResponse>(
        'POST',
        `${MLFLOW_API_PREFIX}/experiments/search`,
        { max_results: 200 },
      );
      const [versions, runs] = await Promise.all([
        connection.request<{ model_versions?: ModelVersion[] }>(
          'GET',
          `${MLFLOW_API_PREFIX}/model-versions/search?max_results=50`,
        ),
        connection.request<SearchRunsResponse>('POST', `${MLFLOW_API_PREFIX}/runs/search`, {
          experiment_ids: experiments.map((e) => e.experiment_id),
          max_results: 50,
          order_by: ['attributes.start_time DESC'],
        }),
      ]);
      const picked = await window.showQuickPick(
        [
          ...(versions.model_versions ?? []).map((v) => ({
            label: `$(package) ${v.name} v${v.version}`,
            description: v.aliases.join(', '),
            id: `model_version:${v.name}@${v.version}`,
          })),
          ...(runs.runs ?? []).map((r) => ({
            label: `$(beaker) ${r.info.run_name}`,
            description: r.info.status.toLowerCase(),
            id: `run:${r.info.run_id}`,
          })),
        ],
        { placeHolder: 'Show the lineage of a model version or run' },
      );
      nodeId = picked?.id;
    }
    if (nodeId) await panel.show(nodeId);
  });
}
