/**
 * The lineage panel: asks the daemon for a node's neighbourhood and hands it to the lineage
 * webview; opens what the user clicks (lineage-open-target.ts). One panel, reused, restored
 * after a reload.
 */
import { window } from 'vscode';
import type { Disposable, ExtensionContext } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { LineageResponse } from '../../daemon/api/contract.ts';
import { parseWebviewMessage } from '../../webviews/lineage/contract.ts';
import { LINEAGE_BODY } from '../../webviews/lineage/page-body.ts';
import type { HostMessage, LineageGraphNode, WebviewMessage } from '../../webviews/lineage/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { openTargetOf } from './lineage-open-target.ts';
import { diskWorkspaceFiles, openLineageTarget } from './lineage-opener.ts';
import type { LineageOpenerDeps } from './lineage-opener.ts';
import { PanelSession } from './panel-session.ts';

export class LineagePanel {
  readonly #session: PanelSession<string, HostMessage, WebviewMessage>;
  readonly #opener: LineageOpenerDeps;
  /** The nodes of the graph last sent, by id: what a click names. */
  #nodes = new Map<string, LineageGraphNode>();

  constructor(
    context: ExtensionContext,
    connection: DaemonConnection,
    showRun: (runId: string) => Promise<void>,
    depth = 3,
  ) {
    this.#opener = { connection, showRun };
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
        this.#nodes = new Map(response.nodes.map((node) => [node.id, node]));
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

  /** A click on a node opens what it is; a node of an older graph is refused with a message. */
  async #open(nodeId: string): Promise<void> {
    const node = this.#nodes.get(nodeId);
    try {
      if (!node) throw new Error(`${nodeId} is not in the graph shown`);
      await openLineageTarget(openTargetOf(node, diskWorkspaceFiles()), this.#opener);
    } catch (error) {
      await window.showErrorMessage(
        `Cannot open ${node?.label ?? nodeId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
