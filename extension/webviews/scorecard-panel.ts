/**
 * The scorecard panel: one model version's lifecycle scorecard from the daemon. It loads again
 * when the registry says that version (or its model) changed; a fix's command goes to a terminal
 * (run at once only without placeholders) or to the clipboard. Only fixes of the scorecard shown
 * are ever run: the webview names a fix, the host looks it up. One panel, restored after a reload.
 */
import { env, window, workspace } from 'vscode';
import type { Disposable, ExtensionContext, Terminal } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ChangeEvent } from '../../daemon/api/contract.ts';
import type { ScorecardResponse } from '../../daemon/api/scorecard-contract.ts';
import { parseSubject, parseWebviewMessage } from '../../webviews/scorecard/contract.ts';
import type {
  FixRef,
  FixView,
  HostMessage,
  ScorecardSubject,
  ScorecardView,
  WebviewMessage,
} from '../../webviews/scorecard/contract.ts';
import { SCORECARD_BODY } from '../../webviews/scorecard/page-body.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { scorecardReloadsOn } from './panel-event-routing.ts';
import { PanelSession } from './panel-session.ts';
import { terminalCommand } from './scorecard-fix-terminal.ts';
import { scorecardView } from './scorecard-view.ts';

const TERMINAL_NAME = 'MLOps Lens';

export class ScorecardPanel {
  readonly #session: PanelSession<ScorecardSubject, HostMessage, WebviewMessage>;
  #shown: ScorecardView | undefined;
  #terminal: Terminal | undefined;

  constructor(
    context: ExtensionContext,
    connection: DaemonConnection,
    showLineage: (nodeId: string) => Promise<void>,
  ) {
    this.#session = new PanelSession<ScorecardSubject, HostMessage, WebviewMessage>(context, {
      viewType: 'mlopsLens.scorecard',
      page: {
        title: 'Scorecard',
        script: 'scorecard.js',
        styles: ['panel-page.css', 'scorecard.css'],
        body: SCORECARD_BODY,
      },
      title: ({ model, version }) => `Scorecard: ${model} v${version}`,
      parseSubject,
      parseWebviewMessage,
      load: async ({ model, version }) => {
        const query = new URLSearchParams({ name: model, version }).toString();
        const { scorecard } = await connection.request<ScorecardResponse>(
          'GET',
          `${NATIVE_API_PREFIX}/scorecard?${query}`,
        );
        this.#shown = scorecardView(scorecard);
        return { type: 'scorecard', payload: this.#shown };
      },
      errorMessage: (message) => ({ type: 'error', payload: { message: `No scorecard: ${message}` } }),
      reloadOn: scorecardReloadsOn,
      onMessage: (message, { model, version }) => {
        switch (message.type) {
          case 'runFix':
            this.#run(message.payload, context, connection);
            break;
          case 'copyFix':
            void this.#copy(message.payload);
            break;
          case 'showLineage':
            void showLineage(`model_version:${model}@${version}`);
            break;
          case 'refresh':
            void this.#session.reload();
            break;
          default: {
            const unreachable: never = message;
            return unreachable;
          }
        }
      },
    });
  }

  show(subject: ScorecardSubject): Promise<void> {
    return this.#session.show(subject);
  }

  onChange(event: ChangeEvent): void {
    this.#session.onChange(event);
  }

  registerSerializer(): Disposable {
    return this.#session.registerSerializer();
  }

  #fix(ref: FixRef): FixView | undefined {
    return this.#shown?.answers.find((a) => a.id === ref.answer)?.checks.find((c) => c.name === ref.check)
      ?.fix;
  }

  #run(ref: FixRef, context: ExtensionContext, connection: DaemonConnection): void {
    const fix = this.#fix(ref);
    const command =
      fix === undefined
        ? undefined
        : terminalCommand(fix, {
            node: workspace.getConfiguration('mlopsLens').get<string>('daemon.nodePath', '') || 'node',
            script: context.asAbsolutePath('dist/daemon.js'),
            dataDir: connection.directory,
          });
    if (command === undefined) return;
    if (this.#terminal === undefined || this.#terminal.exitStatus !== undefined)
      this.#terminal = window.createTerminal({ name: TERMINAL_NAME });
    this.#terminal.show();
    this.#terminal.sendText(command.text, command.execute);
    if (!command.execute && fix !== undefined)
      void window.showInformationMessage(
        `Replace ${fix.placeholders.join(', ')} in the terminal, then press Enter.`,
      );
  }

  async #copy(ref: FixRef): Promise<void> {
    const fix = this.#fix(ref);
    const text = fix?.command ?? fix?.snippet;
    if (text === undefined) return;
    await env.clipboard.writeText(text);
    void window.showInformationMessage('Copied the fix to the clipboard.');
  }
}
