/**
 * The runs compare panel: loads the chosen runs and their downsampled metric histories from the
 * daemon and hands them to the runs compare webview. One panel, reused. The last comparison is
 * sent again whenever the webview (re)starts, so hiding and restoring it keeps its content.
 */
import { Uri, ViewColumn, window } from 'vscode';
import type { ExtensionContext, WebviewPanel } from 'vscode';
import { DEFAULT_MAX_POINTS, parseWebviewMessage } from '../../webviews/runs-compare/contract.ts';
import type { HostMessage } from '../../webviews/runs-compare/contract.ts';
import { RUNS_COMPARE_BODY } from '../../webviews/runs-compare/page-body.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { loadComparison } from './runs-compare-data.ts';
import { webviewHtml, webviewRoot } from './webview-html.ts';

export class RunsComparePanel {
  private panel: WebviewPanel | undefined;
  private ready = false;
  private last: HostMessage | undefined;
  private readonly context: ExtensionContext;
  private readonly connection: DaemonConnection;
  private readonly showLineage: (runId: string) => Promise<void>;

  constructor(
    context: ExtensionContext,
    connection: DaemonConnection,
    showLineage: (runId: string) => Promise<void>,
  ) {
    this.context = context;
    this.connection = connection;
    this.showLineage = showLineage;
  }

  async show(runIds: readonly string[]): Promise<void> {
    const panel = this.ensurePanel();
    panel.title = `Compare ${runIds.length} Runs`;
    panel.reveal(ViewColumn.Active);
    try {
      const payload = await loadComparison(
        (pathAndQuery) => this.connection.request('GET', pathAndQuery),
        runIds,
        DEFAULT_MAX_POINTS,
      );
      this.post({ type: 'compare', payload });
    } catch (error) {
      this.post({ type: 'error', payload: { message: `Could not load the runs: ${String(error)}` } });
    }
  }

  private post(message: HostMessage): void {
    this.last = message;
    if (this.ready && this.panel) void this.panel.webview.postMessage(message);
  }

  private ensurePanel(): WebviewPanel {
    if (this.panel) return this.panel;
    const panel = window.createWebviewPanel('mlopsLens.runsCompare', 'Compare Runs', ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [webviewRoot(this.context.extensionUri)],
    });
    panel.iconPath = Uri.joinPath(this.context.extensionUri, 'media', 'mlops-lens.svg');
    panel.webview.html = webviewHtml(panel.webview, this.context.extensionUri, {
      title: 'Compare Runs',
      script: 'runs-compare.js',
      styles: ['uPlot.min.css', 'runs-compare.css'],
      body: RUNS_COMPARE_BODY,
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) return;
      switch (message.type) {
        case 'initialized':
          this.ready = true;
          if (this.last) void panel.webview.postMessage(this.last);
          break;
        case 'showLineage':
          void this.showLineage(message.payload.runId);
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
      this.last = undefined;
    });
    this.panel = panel;
    return panel;
  }
}
