/**
 * "Compare Runs": from the Runs view (the runs selected there, several with Ctrl/Cmd-click) or
 * from the palette (runs picked from the newest ones).
 */
import { commands, window } from 'vscode';
import type { Disposable } from 'vscode';
import { MLFLOW_API_PREFIX } from '../../daemon/api/contract.ts';
import type { SearchExperimentsResponse, SearchRunsResponse } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { RunsNode } from '../views/runs-tree.ts';
import { selectedRunIds } from './run-selection.ts';
import type { RunsComparePanel } from './runs-compare-panel.ts';

async function pickRuns(connection: DaemonConnection): Promise<string[]> {
  // A run search names its experiments (MLflow's semantics): ask for every one of them.
  const { experiments = [] } = await connection.request<SearchExperimentsResponse>(
    'POST',
    `${MLFLOW_API_PREFIX}/experiments/search`,
    { max_results: 200 },
  );
  const { runs = [] } = await connection.request<SearchRunsResponse>(
    'POST',
    `${MLFLOW_API_PREFIX}/runs/search`,
    {
      experiment_ids: experiments.map((e) => e.experiment_id),
      max_results: 200,
      order_by: ['attributes.start_time DESC'],
    },
  );
  if (runs.length === 0) {
    await window.showInformationMessage('No runs yet: log one with MLflow to the MLOps Lens daemon.');
    return [];
  }
  const picked = await window.showQuickPick(
    runs.map((r) => ({
      label: `$(beaker) ${r.info.run_name || r.info.run_id.slice(0, 8)}`,
      description: `${r.info.status.toLowerCase()} · ${new Date(r.info.start_time).toLocaleString()}`,
      detail: r.data.metrics
        .slice(0, 4)
        .map((m) => `${m.key} ${typeof m.value === 'number' ? Number(m.value.toPrecision(4)) : m.value}`)
        .join(' · '),
      id: r.info.run_id,
    })),
    { canPickMany: true, placeHolder: 'Pick the runs to compare', matchOnDetail: true },
  );
  return picked?.map((p) => p.id) ?? [];
}

export function registerRunsCompareCommand(
  panel: RunsComparePanel,
  connection: DaemonConnection,
): Disposable {
  return commands.registerCommand(
    'mlopsLens.compareRuns',
    async (item?: RunsNode, selection?: readonly RunsNode[]) => {
      if (connection.state.kind !== 'connected') {
        await window.showWarningMessage('Runs come from the MLOps Lens daemon, and none is connected.');
        return;
      }
      let runIds = selectedRunIds(item, selection);
      if (runIds.length === 0) runIds = await pickRuns(connection);
      if (runIds.length > 0) await panel.show(runIds);
    },
  );
}
