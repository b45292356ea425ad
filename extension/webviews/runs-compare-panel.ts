/**
 * The runs compare panel: loads the chosen runs and their downsampled metric histories from the
 * daemon and hands them to the runs compare webview. One panel, reused. The last comparison is
 * sent again whenever the webview (re)starts, and the panel comes back after a reload.
 */
import type { Disposable, ExtensionContext } from 'vscode';
import { DEFAULT_MAX_POINTS, parseWebviewMessage } from '../../webviews/runs-compare/contract.ts';
import type { HostMessage, WebviewMessage } from '../../webviews/runs-compare/contract.ts';
import { RUNS_COMPARE_BODY } from '../../webviews/runs-compare/page-body.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { PanelSession } from './panel-session.ts';
import { loadComparison } from './runs-compare-data.ts';

const isRunIds = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((id) => typeof id === 'string');

export class RunsComparePanel {
  readonly #session: PanelSession<readonly string[], HostMessage, WebviewMessage>;

  constructor(
    context: ExtensionContext,
    connection: DaemonConnection,
    showLineage: (runId: string) => Promise<void>,
  ) {
    this.#session = new PanelSession<readonly string[], HostMessage, WebviewMessage>(context, {
      viewType: 'mlopsLens.runsCompare',
      page: {
        title: 'Compare Runs',
        script: 'runs-compare.js',
        styles: ['uPlot.min.css', 'panel-page.css', 'runs-compare.css'],
        body: RUNS_COMPARE_BODY,
      },
      title: (runIds) => `Compare ${runIds.length} Runs`,
      parseSubject: (value) => (isRunIds(value) ? value : undefined),
      parseWebviewMessage,
      load: async (runIds) => ({
        type: 'compare',
        payload: await loadComparison(
          (pathAndQuery) => connection.request('GET', pathAndQuery),
          runIds,
          DEFAULT_MAX_POINTS,
        ),
      }),
      errorMessage: (message) => ({
        type: 'error',
        payload: { message: `Could not load the runs: ${message}` },
      }),
      onMessage: (message) => {
        switch (message.type) {
          case 'showLineage':
            void showLineage(message.payload.runId);
            break;
          default: {
            const unreachable: never = message.type;
            return unreachable;
          }
        }
      },
    });
  }

  show(runIds: readonly string[]): Promise<void> {
    return this.#session.show(runIds);
  }

  registerSerializer(): Disposable {
    return this.#session.registerSerializer();
  }
}
