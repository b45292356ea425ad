import { StatusBarAlignment, window } from 'vscode';
import type { Disposable } from 'vscode';
import type { DaemonConnection, DaemonState } from './daemon-connection.ts';

/** A status bar item that says whether the daemon is there, and offers the action that fixes it. */
export function daemonStatusItem(connection: DaemonConnection): Disposable {
  const item = window.createStatusBarItem('mlopsLens.daemon', StatusBarAlignment.Left, 10);
  item.name = 'MLOps Lens daemon';
  const show = (state: DaemonState): void => {
    switch (state.kind) {
      case 'connecting':
        item.text = '$(sync~spin) MLOps Lens';
        item.tooltip = 'Looking for the MLOps Lens daemon…';
        item.command = undefined;
        break;
      case 'connected':
        item.text = '$(database) MLOps Lens';
        item.tooltip = `Daemon ${state.version} at ${state.url}. Click to copy the tracking setup for a terminal.`;
        item.command = 'mlopsLens.copyTrackingSetup';
        break;
      case 'unavailable':
        item.text = '$(warning) MLOps Lens: no daemon';
        if (state.fix === 'nodePath') {
          item.tooltip = `${state.reason} Click to set mlopsLens.daemon.nodePath.`;
          item.command = {
            title: 'Set Node path',
            command: 'workbench.action.openSettings',
            arguments: ['mlopsLens.daemon.nodePath'],
          };
        } else if (state.fix === 'log') {
          item.tooltip = `${state.reason} Click to open the daemon's log.`;
          item.command = 'mlopsLens.openDaemonLog';
        } else {
          item.tooltip = `${state.reason} Click to start it.`;
          item.command = 'mlopsLens.startDaemon';
        }
        break;
      case 'restricted':
        item.text = '$(shield) MLOps Lens: analysis only';
        item.tooltip =
          'Restricted mode: MLOps Lens analyses files but starts and contacts nothing until the workspace is trusted.';
        item.command = 'workbench.trust.manage';
        break;
    }
    item.show();
  };
  show(connection.state);
  const subscription = connection.onDidChangeState(show);
  return { dispose: () => (subscription.dispose(), item.dispose()) };
}
