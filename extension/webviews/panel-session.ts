/**
 * One webview panel and its shared handshake (webviews/shared/panel-protocol.ts), for every
 * panel of the extension: it creates or adopts the panel, sends nothing before the webview's
 * `initialized`, then the subject and the last data message (again after every restart of the
 * webview), loads data for a subject, loads it again on the daemon's change events that concern
 * it, and restores the panel after a reload through VS Code's panel serializer from the subject
 * the webview saved.
 */
import { Uri, ViewColumn, window } from 'vscode';
import type { Disposable, ExtensionContext, WebviewPanel } from 'vscode';
import type { ChangeEvent } from '../../daemon/api/contract.ts';
import { isInitializedMessage, savedSubject } from '../../webviews/shared/panel-protocol.ts';
import type { SubjectMessage } from '../../webviews/shared/panel-protocol.ts';
import { webviewHtml, webviewRoot } from './webview-html.ts';
import type { WebviewPage } from './webview-html.ts';

export interface PanelSpec<Subject, HostMessage, WebviewMessage> {
  /** Also the serializer's view type (an `onWebviewPanel:` activation event in package.json). */
  readonly viewType: string;
  readonly page: WebviewPage;
  title(subject: Subject): string;
  parseSubject(value: unknown): Subject | undefined;
  parseWebviewMessage(value: unknown): WebviewMessage | undefined;
  /** The data message for a subject; failures become the webview's own error message. */
  load(subject: Subject): Promise<HostMessage>;
  errorMessage(message: string): HostMessage;
  onMessage?(message: WebviewMessage, subject: Subject): void;
  /** Whether a change from the daemon's event stream concerns the subject (panel-event-routing.ts). */
  reloadOn?(event: ChangeEvent, subject: Subject): boolean;
}

export class PanelSession<Subject, HostMessage, WebviewMessage> {
  readonly #context: ExtensionContext;
  readonly #spec: PanelSpec<Subject, HostMessage, WebviewMessage>;
  #panel: WebviewPanel | undefined;
  #ready = false;
  #subject: Subject | undefined;
  #last: HostMessage | undefined;
  #loads = 0;

  constructor(context: ExtensionContext, spec: PanelSpec<Subject, HostMessage, WebviewMessage>) {
    this.#context = context;
    this.#spec = spec;
  }

  get subject(): Subject | undefined {
    return this.#subject;
  }

  /** Open and showing: live updates are worth loading. */
  get visible(): boolean {
    return this.#panel?.visible ?? false;
  }

  async show(subject: Subject): Promise<void> {
    const panel = this.#panel ?? this.#adopt(this.#create());
    this.#subject = subject;
    this.#last = undefined;
    panel.title = this.#spec.title(subject);
    panel.reveal(panel.viewColumn ?? ViewColumn.Active);
    this.#sendSubject();
    await this.reload();
  }

  /** Loads the current subject again; an answer that a newer load overtook is dropped. */
  async reload(): Promise<void> {
    const subject = this.#subject;
    if (subject === undefined || !this.#panel) return;
    const load = ++this.#loads;
    let message: HostMessage;
    try {
      message = await this.#spec.load(subject);
    } catch (error) {
      message = this.#spec.errorMessage(error instanceof Error ? error.message : String(error));
    }
    if (load !== this.#loads || subject !== this.#subject) return;
    this.#last = message;
    if (this.#ready) void this.#panel?.webview.postMessage(message);
  }

  /**
   * A change from the daemon's event stream: loads the subject again when the change concerns it,
   * or after a resync (events were missed). A panel without `reloadOn` follows no events.
   */
  onChange(event: ChangeEvent): void {
    const subject = this.#subject;
    if (subject === undefined || !this.#spec.reloadOn) return;
    if (event.type === 'resync' || this.#spec.reloadOn(event, subject)) void this.reload();
  }

  /** Restores this kind of panel after a reload of the window. */
  registerSerializer(): Disposable {
    return window.registerWebviewPanelSerializer(this.#spec.viewType, {
      deserializeWebviewPanel: async (panel: WebviewPanel, state: unknown) => {
        this.#panel?.dispose();
        this.#adopt(panel);
        const subject = savedSubject(state, (value) => this.#spec.parseSubject(value));
        if (subject !== undefined) await this.show(subject);
        else void panel.webview.postMessage(this.#spec.errorMessage('Nothing to restore: open it again.'));
      },
    });
  }

  #create(): WebviewPanel {
    return window.createWebviewPanel(this.#spec.viewType, this.#spec.page.title, ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [webviewRoot(this.#context.extensionUri)],
    });
  }

  #adopt(panel: WebviewPanel): WebviewPanel {
    panel.iconPath = Uri.joinPath(this.#context.extensionUri, 'media', 'mlops-lens.svg');
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [webviewRoot(this.#context.extensionUri)],
    };
    panel.webview.html = webviewHtml(panel.webview, this.#context.extensionUri, this.#spec.page);
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      if (isInitializedMessage(raw)) {
        this.#ready = true;
        this.#sendSubject();
        if (this.#last !== undefined) void panel.webview.postMessage(this.#last);
        return;
      }
      const message = this.#spec.parseWebviewMessage(raw);
      if (message !== undefined && this.#subject !== undefined)
        this.#spec.onMessage?.(message, this.#subject);
    });
    panel.onDidDispose(() => {
      if (this.#panel !== panel) return;
      this.#panel = undefined;
      this.#ready = false;
      this.#subject = undefined;
      this.#last = undefined;
    });
    this.#panel = panel;
    this.#ready = false;
    return panel;
  }

  #sendSubject(): void {
    if (!this.#ready || !this.#panel || this.#subject === undefined) return;
    void this.#panel.webview.postMessage({
      type: 'subject',
      payload: this.#subject,
    } satisfies SubjectMessage<Subject>);
  }
}
