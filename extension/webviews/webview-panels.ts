/**
 * The extension's webview panels (lineage, runs compare, GPU board, drift dashboard, deployment
 * progress, scorecard): their commands and their serializers, which bring them back after a window reload.
 */
import type { Disposable, ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChangeEvent } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { registerDeployCommands } from '../deploy/deploy-commands.ts';
import { DeployProgressPanel } from './deploy-progress-panel.ts';
import { registerDriftDashboardCommand } from './drift-dashboard-command.ts';
import { DriftDashboardPanel } from './drift-dashboard-panel.ts';
import { registerGpuBoardCommand } from './gpu-board-command.ts';
import { GpuBoardPanel } from './gpu-board-panel.ts';
import { registerLineageCommand } from './lineage-command.ts';
import { registerLineageForFileCommand } from './lineage-for-file-command.ts';
import { LineagePanel } from './lineage-panel.ts';
import { registerRunsCompareCommand } from './runs-compare-command.ts';
import { RunsComparePanel } from './runs-compare-panel.ts';
import { registerScorecardCommand } from './scorecard-command.ts';
import { ScorecardPanel } from './scorecard-panel.ts';

export interface WebviewPanels {
  readonly disposables: Disposable[];
  /** Each change from the daemon's event stream, for the panels that follow it. */
  onChange(event: ChangeEvent): void;
}

export function registerWebviewPanels(
  context: ExtensionContext,
  connection: DaemonConnection,
  ensureClient: () => Promise<LanguageClient>,
): WebviewPanels {
  const lineage = new LineagePanel(context, connection, (runId) => compare.show([runId]));
  const showLineage = (nodeId: string): Promise<void> => lineage.show(nodeId);
  const compare = new RunsComparePanel(context, connection, (runId) => showLineage(`run:${runId}`));
  const gpuBoard = new GpuBoardPanel(context, connection);
  const drift = new DriftDashboardPanel(context, connection, showLineage);
  const deployProgress = new DeployProgressPanel(context, connection);
  const scorecard = new ScorecardPanel(context, connection, showLineage);
  return {
    disposables: [
      gpuBoard,
      deployProgress,
      lineage.registerSerializer(),
      compare.registerSerializer(),
      gpuBoard.registerSerializer(),
      drift.registerSerializer(),
      deployProgress.registerSerializer(),
      scorecard.registerSerializer(),
      registerLineageCommand(lineage, connection),
      registerLineageForFileCommand(lineage, connection, ensureClient),
      registerRunsCompareCommand(compare, connection),
      registerGpuBoardCommand(gpuBoard, connection),
      registerDriftDashboardCommand(drift, connection),
      registerScorecardCommand(scorecard, connection),
      ...registerDeployCommands(connection, deployProgress),
    ],
    onChange: (event) => {
      drift.onChange(event);
      deployProgress.onChange(event);
      scorecard.onChange(event);
    },
  };
}
