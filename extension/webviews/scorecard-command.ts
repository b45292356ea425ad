/**
 * "Show Scorecard": for the model version of the Models view item it was invoked on, or a
 * version picked from the newest versions of the registry's models.
 */
import { commands, window } from 'vscode';
import type { Disposable } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ModelPageResponse } from '../../daemon/api/contract.ts';
import type { ScorecardSubject } from '../../webviews/scorecard/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { ModelsNode } from '../views/models-tree.ts';
import type { ScorecardPanel } from './scorecard-panel.ts';

async function pickVersion(connection: DaemonConnection): Promise<ScorecardSubject | undefined> {
  const page = await connection.request<ModelPageResponse>('GET', `${NATIVE_API_PREFIX}/models`);
  const items = page.models.flatMap((model) =>
    model.latest_versions.map((v) => ({
      label: `$(package) ${model.name} v${v.version}`,
      description: v.aliases.join(', '),
      subject: { model: model.name, version: v.version },
    })),
  );
  if (items.length === 0) {
    await window.showInformationMessage('No model version is registered yet.');
    return undefined;
  }
  return (await window.showQuickPick(items, { placeHolder: 'Show the scorecard of a model version' }))
    ?.subject;
}

export function registerScorecardCommand(panel: ScorecardPanel, connection: DaemonConnection): Disposable {
  return commands.registerCommand('mlopsLens.showScorecard', async (item?: ModelsNode) => {
    let subject: ScorecardSubject | undefined =
      item?.kind === 'version' ? { model: item.version.name, version: item.version.version } : undefined;
    if (!subject) {
      if (connection.state.kind !== 'connected') {
        await window.showWarningMessage(
          'The scorecard comes from the MLOps Lens daemon, and none is connected.',
        );
        return;
      }
      subject = await pickVersion(connection);
    }
    if (subject) await panel.show(subject);
  });
}
