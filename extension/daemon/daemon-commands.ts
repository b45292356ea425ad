import path from 'node:path';
import { commands, env, Uri, window } from 'vscode';
import type { Disposable } from 'vscode';
import { TOKEN_FILE } from '../../daemon/api/contract.ts';
import { readDiscovery } from '../../daemon/process/daemon-files.ts';
import type { DaemonConnection } from './daemon-connection.ts';

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Daemon commands: start, stop, restart, and copy the tracking setup for a training terminal. */
export function registerDaemonCommands(connection: DaemonConnection, trusted: () => boolean): Disposable[] {
  const start = async (): Promise<void> => {
    if (!trusted()) {
      await window.showWarningMessage(
        'MLOps Lens starts nothing in a restricted workspace. Trust the workspace first.',
      );
      return;
    }
    connection.retryLaunch();
    const state = await connection.check(true);
    if (state.kind === 'unavailable') await window.showErrorMessage(`MLOps Lens daemon: ${state.reason}`);
  };
  const stop = async (): Promise<void> => {
    const discovery = readDiscovery(connection.directory);
    if (!discovery) return;
    try {
      process.kill(discovery.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await waitUntilGone(discovery.pid, 10_000);
  };
  return [
    commands.registerCommand('mlopsLens.startDaemon', start),
    commands.registerCommand('mlopsLens.stopDaemon', async () => {
      await stop();
      await connection.check();
    }),
    commands.registerCommand('mlopsLens.restartDaemon', async () => {
      await stop();
      await start();
    }),
    commands.registerCommand('mlopsLens.openDaemonLog', async () => {
      await window.showTextDocument(Uri.file(path.join(connection.directory, 'daemon.out.log')));
    }),
    commands.registerCommand('mlopsLens.copyTrackingSetup', async () => {
      const state = await connection.check();
      if (state.kind !== 'connected') {
        const choice = await window.showWarningMessage('No MLOps Lens daemon is running.', 'Start Daemon');
        if (choice) await start();
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
