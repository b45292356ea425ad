/**
 * The lineage panel: asks the daemon for a node's neighbourhood and hands it to the lineage
 * webview; opens what the user clicks. One panel, reused, restored after a reload.
 */
import { commands, env } from 'vscode';
import type { Disposable, ExtensionContext } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { LineageResponse } from '../../daemon/api/contract.ts';
import { parseWebviewMessage } from '../../webviews/lineage/contract.ts';
import { LINEAGE_BODY } from '../../webviews/lineage/page-body.ts';
import type { HostMessage, WebviewMessage } from '../../webviews/lineage/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { PanelSession } from './panel-session.ts';

export class LineagePanel {
  readonly #session: PanelSession<string, HostMessage, WebviewMessage>;

  constructor(context: ExtensionContext, connection: DaemonConnection, depth = 3) {
    this.#session = new PanelSession<string, HostMessage, WebviewMessage>(context, {
      viewType: 'mlopsLens.lineage',
      page: {
        title: 'Lineage',
        script: 'lineage.js',
        styles: ['lineage.css'],
        body: LINEAGE_BODY,
        blobWorkers: true,
      },
      title: (nodeId) => `Lineage: ${nodeId.replace(/^[a-z_]+:/, '')}`,
      parseSubject: (value) => (typeof value === 'string' && value !== '' ? value : undefined),
      parseWebviewMessage,
      load: async (nodeId) => {
        const response = await connection.request<LineageResponse>(
          'GET',
          `${NATIVE_API_PREFIX}/lineage?node=${encodeURIComponent(nodeId)}&depth=${depth}`,
        );
        return {
          type: 'graph',
          payload: {
            root: response.root,
            nodes: response.nodes,
            edges: response.edges,
            ...(response.truncated ? { truncated: true } : {}),
          },
        };
      },
      errorMessage: (message) => ({ type: 'error', payload: { message: `No lineage: ${message}` } }),
      onMessage: (message) => {
        switch (message.type) {
          case 'open':
            void this.#open(message.payload.nodeId);
            break;
          default: {
            const unreachable: never = message.type;
            return unreachable;
          }
        }
      },
    });
  }

  /** Shows the neighbourhood of `nodeId` (`run:<id>`, `model_version:<name>@<version>`, …). */
  show(nodeId: string): Promise<void> {
    return this.#session.show(nodeId);
  }

  registerSerializer(): Disposable {
    return this.#session.registerSerializer();
  }

  /** A click on a node: a run or model version re-centres the graph; a URI-like attribute opens. */
  async #open(nodeId: string): Promise<void> {
    if (/^(run|model_version|dataset|code|environment|preprocessing):/.test(nodeId)) {
      await this.show(nodeId);
      return;
    }
    await commands.executeCommand('mlopsLens.refreshViews');
    await env.clipboard.writeText(nodeId);
  }
}
