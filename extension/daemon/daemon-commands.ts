import path from 'node:path';
import { commands, env, window } from 'vscode';
import type { Disposable } from 'vscode';
import { TOKEN_FILE } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from './daemon-connection.ts';

/** Daemon commands: start it in a terminal, and copy the tracking setup for a training terminal. */
export function registerDaemonCommands(connection: DaemonConnection, trusted: () => boolean): Disposable[] {
  return [
    commands.registerCommand('mlopsLens.startDaemon', async () => {
      if (!trusted()) {
        await window.showWarningMessage(
          'MLOps Lens starts nothing in a restricted workspace. Trust the workspace first.',
        );
        return;
      }
      const terminal = window.createTerminal({ name: 'MLOps Lens daemon' });
      terminal.show();
      terminal.sendText(`mlops-lens daemon --data-dir "${connection.directory}"`);
      setTimeout(() => void connection.check(), 3000);
    }),
    commands.registerCommand('mlopsLens.copyTrackingSetup', async () => {
      const state = await connection.check();
      if (state.kind !== 'connected') {
        await window
          .showWarningMessage('No MLOps Lens daemon is running.', 'Start Daemon')
          .then((choice) => (choice ? commands.executeCommand('mlopsLens.startDaemon') : undefined));
        return;
      }
      // The token stays in its file: the snippet reads it, so it never sits in the clipboard.
      const tokenFile = path.join(connection.directory, TOKEN_FILE);
      await env.clipboard.writeText(
        `export MLFLOW_TRACKING_URI=${state.url}\nexport MLFLOW_TRACKING_TOKEN="$(cat '${tokenFile}')"\n`,
      );
      await window.showInformationMessage(
        'Copied: paste it into the terminal where you train; MLflow logs to MLOps Lens.',
      );
    }),
  ];
}
