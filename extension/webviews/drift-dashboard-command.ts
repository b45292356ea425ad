/**
 * "Show Drift Dashboard": for the model version of the Models view item it was invoked on, or a
 * version picked from those the daemon has drift baselines for.
 */
import { commands, window } from 'vscode';
import type { Disposable } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { DriftBaselinesResponse } from '../../daemon/api/contract.ts';
import type { DriftSubject } from '../../webviews/drift-dashboard/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { ModelsNode } from '../views/models-tree.ts';
import type { DriftDashboardPanel } from './drift-dashboard-panel.ts';

async function pickVersion(connection: DaemonConnection): Promise<DriftSubject | undefined> {
  const { baselines } = await connection.request<DriftBaselinesResponse>(
    'GET',
    `${NATIVE_API_PREFIX}/drift/baselines`,
  );
  const seen = new Map<string, DriftSubject>();
  for (const baseline of baselines)
    if (baseline.model_version !== undefined)
      seen.set(`${baseline.model_name}@${baseline.model_version}`, {
        model: baseline.model_name,
        version: baseline.model_version,
      });
  if (seen.size === 0) {
    await window.showInformationMessage(
      'No model version has a drift baseline yet: record one with POST /api/mlops-lens/v1/drift/baselines (see docs/drift.md).',
    );
    return undefined;
  }
  const picked = await window.showQuickPick(
    [...seen.values()].map((subject) => ({
      label: `$(package) ${subject.model} v${subject.version}`,
      subject,
    })),
    { placeHolder: 'Show the drift of a model version' },
  );
  return picked?.subject;
}

export function registerDriftDashboardCommand(
  panel: DriftDashboardPanel,
  connection: DaemonConnection,
): Disposable {
  return commands.registerCommand('mlopsLens.showDriftDashboard', async (item?: ModelsNode) => {
    let subject: DriftSubject | undefined =
      item?.kind === 'version' ? { model: item.version.name, version: item.version.version } : undefined;
    if (!subject) {
      if (connection.state.kind !== 'connected') {
        await window.showWarningMessage('Drift comes from the MLOps Lens daemon, and none is connected.');
        return;
      }
      subject = await pickVersion(connection);
    }
    if (subject) await panel.show(subject);
  });
}
