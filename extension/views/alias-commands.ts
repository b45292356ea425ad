/**
 * Registry commands on the Models view: set an alias (promote) on a version, and roll an alias
 * back to the version it pointed to before. Both ask for confirmation; the daemon audits them.
 */
import { commands, window } from 'vscode';
import type { Disposable } from 'vscode';
import { MLFLOW_API_PREFIX, NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { RegisteredModel, RollbackAliasResponse } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { ModelsNode } from './models-tree.ts';

const ALIAS = /^[A-Za-z_][A-Za-z0-9_-]{0,254}$/;

export function registerAliasCommands(connection: DaemonConnection, refresh: () => void): Disposable[] {
  return [
    commands.registerCommand('mlopsLens.setAlias', async (item?: ModelsNode) => {
      if (item?.kind !== 'version') {
        await window.showInformationMessage('Run "Set Alias" on a model version in the Models view.');
        return;
      }
      const { name, version } = item.version;
      const alias = await window.showInputBox({
        title: `Set an alias on ${name} v${version}`,
        value: 'production',
        prompt: 'Clients that load the model by this alias will get this version.',
        validateInput: (value) =>
          ALIAS.test(value) && !/^(latest|v\d+)$/.test(value)
            ? undefined
            : 'Letters, digits, _ and -; not "latest" or "vN".',
      });
      if (!alias) return;
      const confirm = await window.showWarningMessage(
        `Point ${name}@${alias} at version ${version}? Every client that loads ${name}@${alias} gets it.`,
        { modal: true },
        'Set Alias',
      );
      if (confirm !== 'Set Alias') return;
      await connection.request('POST', `${MLFLOW_API_PREFIX}/registered-models/alias`, {
        name,
        alias,
        version,
      });
      refresh();
      await window.showInformationMessage(`${name}@${alias} → version ${version}.`);
    }),
    commands.registerCommand('mlopsLens.rollbackAlias', async (item?: ModelsNode) => {
      if (item?.kind !== 'model' && item?.kind !== 'version') {
        await window.showInformationMessage('Run "Roll Back Alias" on a model in the Models view.');
        return;
      }
      const name = item.kind === 'model' ? item.model.name : item.version.name;
      const { registered_model } = await connection.request<{ registered_model: RegisteredModel }>(
        'GET',
        `${MLFLOW_API_PREFIX}/registered-models/get?name=${encodeURIComponent(name)}`,
      );
      const picked = await window.showQuickPick(
        registered_model.aliases.map((a) => ({ label: a.alias, description: `now version ${a.version}` })),
        {
          title: `Roll back an alias of ${name}`,
          placeHolder: 'The alias moves back to the version it pointed to before.',
        },
      );
      if (!picked) return;
      const confirm = await window.showWarningMessage(
        `Roll ${name}@${picked.label} back to its previous version?`,
        { modal: true },
        'Roll Back',
      );
      if (confirm !== 'Roll Back') return;
      const result = await connection.request<RollbackAliasResponse>(
        'POST',
        `${NATIVE_API_PREFIX}/registry/aliases/rollback`,
        {
          name,
          alias: picked.label,
        },
      );
      refresh();
      await window.showInformationMessage(
        `${name}@${picked.label} → version ${result.model_version.version} (was ${result.rolled_back_from}).`,
      );
    }),
  ];
}
