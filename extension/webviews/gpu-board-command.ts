/**
 * "Show GPU Board": for the cluster context of the Clusters view item it was invoked on, or a
 * context picked from those whose Prometheus the daemon knows.
 */
import { commands, window } from 'vscode';
import type { Disposable } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { PrometheusSettingsListResponse } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { GpuBoardPanel } from './gpu-board-panel.ts';

/** The context a view item names: a context row (`name`) or anything under one (`context`). */
export function contextOfItem(item: unknown): string | undefined {
  if (typeof item === 'string') return item || undefined;
  if (typeof item !== 'object' || item === null) return undefined;
  const { kind, name, context } = item as { kind?: unknown; name?: unknown; context?: unknown };
  if (typeof context === 'string') return context;
  if (kind === 'context' && typeof name === 'string') return name;
  return undefined;
}

export function registerGpuBoardCommand(panel: GpuBoardPanel, connection: DaemonConnection): Disposable {
  return commands.registerCommand('mlopsLens.showGpuBoard', async (item?: unknown) => {
    let context = contextOfItem(item);
    if (!context) {
      if (connection.state.kind !== 'connected') {
        await window.showWarningMessage('GPU use comes from the MLOps Lens daemon, and none is connected.');
        return;
      }
      const { settings } = await connection.request<PrometheusSettingsListResponse>(
        'GET',
        `${NATIVE_API_PREFIX}/metrics/prometheus`,
      );
      if (settings.length === 0) {
        await window.showInformationMessage(
          'No cluster context has a Prometheus yet: set one with PUT /api/mlops-lens/v1/metrics/prometheus (see docs/metrics.md).',
        );
        return;
      }
      const picked = await window.showQuickPick(
        settings.map((s) => ({
          label: `$(server) ${s.context}`,
          description: s.source.kind === 'url' ? s.source.url : `${s.source.namespace}/${s.source.service}`,
          context: s.context,
        })),
        { placeHolder: 'Show the GPUs of a cluster context' },
      );
      context = picked?.context;
    }
    if (context) await panel.show({ context, minutes: 60 });
  });
}
