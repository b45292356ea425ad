/**
 * The `mlopsLens.gpuPrices` setting: the GPU price table the daemon estimates run and serving
 * costs with. Sent whenever the daemon connects and whenever the setting changes; the daemon
 * validates it and keeps it as its `gpu-prices.json`. Left empty, the daemon keeps the table it
 * has (its file, else its defaults).
 */
import { window, workspace } from 'vscode';
import type { Disposable, LogOutputChannel } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { GpuPricesResponse } from '../../daemon/api/cost-contract.ts';
import type { DaemonConnection } from './daemon-connection.ts';
import { gpuPricesRequest } from './gpu-prices-request.ts';

export const GPU_PRICES_SETTING = 'mlopsLens.gpuPrices';

export function syncGpuPricesSetting(connection: DaemonConnection, output: LogOutputChannel): Disposable {
  const send = async (): Promise<void> => {
    if (connection.state.kind !== 'connected' || !workspace.isTrusted) return;
    const request = gpuPricesRequest(workspace.getConfiguration().get<unknown>(GPU_PRICES_SETTING));
    if (request === undefined) return;
    try {
      const { prices } = await connection.request<GpuPricesResponse>(
        'PUT',
        `${NATIVE_API_PREFIX}/cost/gpu-prices`,
        request,
      );
      output.info(
        `GPU prices from ${GPU_PRICES_SETTING}: ${Object.keys(prices.per_gpu_hour).length} entries, ${prices.currency}`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void window.showWarningMessage(
        `MLOps Lens: the ${GPU_PRICES_SETTING} setting was not applied: ${message}`,
      );
    }
  };
  const onState = connection.onDidChangeState((state) => {
    if (state.kind === 'connected') void send();
  });
  const onSetting = workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(GPU_PRICES_SETTING)) void send();
  });
  return {
    dispose: () => {
      onState.dispose();
      onSetting.dispose();
    },
  };
}
