/**
 * The lineage panel: asks the daemon for a node's neighbourhood and hands it to the lineage
 * webview; opens what the user clicks. One panel, reused.
 */
import { commands, env, Uri, ViewColumn, window } from 'vscode';
import type { ExtensionContext, WebviewPanel } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { LineageResponse } from '../../daemon/api/contract.ts';
import { parseWebviewMessage } from '../../webviews/lineage/contract.ts';
import { LINEAGE_BODY } from '../../webviews/lineage/page-body.ts';
import type { HostMessage, LineageGraph } from '../../webviews/lineage/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { webviewHtml, webviewRoot } from './webview-html.ts';

export class LineagePanel {
  private panel: WebviewPanel | undefined;
  private ready = false;
  private pending: HostMessage | undefined;
  private readonly context: ExtensionContext;
  private readonly connection: DaemonConnection;

  constructor(context: ExtensionContext, connection: DaemonConnection) {
    this.context = context;
    this.connection = connection;
  }

  /** Shows the neighbourhood of `nodeId` (`run:<id>`, `model_version:<name>@<version>`, …). */
  async show(nodeId: string, depth = 3): Promise<void> {
    const panel = this.ensurePanel();
    panel.title = `Lineage: ${nodeId.replace(/^[a-z_]+:/, '')}`;
    panel.reveal(ViewColumn.Active);
    try {
      const response = await this.connection.request<LineageResponse>(
        'GET',
        `${NATIVE_API_PREFIX}/lineage?node=${encodeURIComponent(nodeId)}&depth=${depth}`,
      );
      const graph: LineageGraph = {
        root: response.root,
        nodes: response.nodes,
        edges: response.edges,
        ...(response.truncated ? { truncated: true } : {}),
      };
      this.post({ type: 'graph', payload: graph });
    } catch (error) {
      this.post({ type: 'error', payload: { message: `No lineage for ${nodeId}: ${String(error)}` } });
    }
  }

  private post(message: HostMessage): void {
    if (this.ready && this.panel) void this.panel.webview.postMessage(message);
    else this.pending = message;
  }

  private ensurePanel(): WebviewPanel {
    if (this.panel) return this.panel;
    const root = webviewRoot(this.context.extensionUri);
    const panel = window.createWebviewPanel('mlopsLens.lineage', 'Lineage', ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [root],
    });
    panel.iconPath = Uri.joinPath(this.context.extensionUri, 'media', 'mlops-lens.svg');
    panel.webview.html = webviewHtml(panel.webview, this.context.extensionUri, {
      title: 'Lineage',
      script: 'lineage.js',
      styles: ['lineage.css'],
      body: LINEAGE_BODY,
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) return;
      switch (message.type) {
        case 'initialized':
          this.ready = true;
          if (this.pending) void panel.webview.postMessage(this.pending);
          this.pending = undefined;
          break;
        case 'open':
          void this.open(message.payload.nodeId);
          break;
        default: {
          const unreachable: never = message;
          return unreachable;
        }
      }
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    });
    this.panel = panel;
    return panel;
  }

  /** A click on a node: a run or model version re-centres the graph; a URI-like attribute opens. */
  private async open(nodeId: string): Promise<void> {
    if (/^(run|model_version|dataset|code|environment|preprocessing):/.test(nodeId)) {
      await this.show(nodeId);
      return;
    }
    await commands.executeCommand('mlopsLens.refreshViews');
    await env.clipboard.writeText(nodeId);
  }
}
