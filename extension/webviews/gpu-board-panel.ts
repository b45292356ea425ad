/**
 * The GPU board panel: one cluster context's GPU and MIG slice use from the daemon (which asks
 * the context's Prometheus), polled while the panel is visible. One panel, reused, restored
 * after a reload.
 */
import type { Disposable, ExtensionContext } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { GpuUsageHistoryResponse } from '../../daemon/api/contract.ts';
import { parseSubject, parseWebviewMessage } from '../../webviews/gpu-board/contract.ts';
import type { GpuBoardSubject, HostMessage, WebviewMessage } from '../../webviews/gpu-board/contract.ts';
import { GPU_BOARD_BODY } from '../../webviews/gpu-board/page-body.ts';
import { boardData } from '../../webviews/gpu-board/slice-series.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { PanelSession } from './panel-session.ts';

/** How often a visible board asks again. */
export const GPU_BOARD_POLL_MS = 5_000;

/** One point per second up to an hour; longer windows keep at most 3,600 points per series. */
export function boardStepSeconds(minutes: number): number {
  return Math.max(1, Math.ceil((minutes * 60) / 3600));
}

export class GpuBoardPanel implements Disposable {
  readonly #session: PanelSession<GpuBoardSubject, HostMessage, WebviewMessage>;
  readonly #poll: () => void;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(context: ExtensionContext, connection: DaemonConnection) {
    this.#session = new PanelSession<GpuBoardSubject, HostMessage, WebviewMessage>(context, {
      viewType: 'mlopsLens.gpuBoard',
      page: {
        title: 'GPU Board',
        script: 'gpu-board.js',
        styles: ['uPlot.min.css', 'panel-page.css', 'gpu-board.css'],
        body: GPU_BOARD_BODY,
      },
      title: (subject) => `GPUs: ${subject.context}`,
      parseSubject,
      parseWebviewMessage,
      load: async ({ context: name, minutes }) => {
        // Polling starts with the first board shown or restored, not at activation.
        this.#timer ??= setInterval(this.#poll, GPU_BOARD_POLL_MS);
        const query = new URLSearchParams({
          context: name,
          minutes: String(minutes),
          step_seconds: String(boardStepSeconds(minutes)),
        });
        const history = await connection.request<GpuUsageHistoryResponse>(
          'GET',
          `${NATIVE_API_PREFIX}/metrics/gpu-usage/history?${query.toString()}`,
        );
        return { type: 'usage', payload: boardData(history, minutes) };
      },
      errorMessage: (message) => ({ type: 'error', payload: { message: `No GPU use: ${message}` } }),
      onMessage: (message, subject) => {
        switch (message.type) {
          case 'setWindow':
            void this.show({ ...subject, minutes: message.payload.minutes });
            break;
          default: {
            const unreachable: never = message.type;
            return unreachable;
          }
        }
      },
    });
    this.#poll = () => {
      if (this.#session.visible && connection.state.kind === 'connected') void this.#session.reload();
    };
  }

  show(subject: GpuBoardSubject): Promise<void> {
    return this.#session.show(subject);
  }

  registerSerializer(): Disposable {
    return this.#session.registerSerializer();
  }

  dispose(): void {
    clearInterval(this.#timer);
  }
}
