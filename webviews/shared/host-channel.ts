/**
 * The webview's side of the shared handshake (panel-protocol.ts): keeps the subject the host
 * names in the saved state, keeps the user's choices beside it, and, once `listen` is called,
 * hands the webview's own validated messages to it and sends `initialized`.
 */
import { isRecord, isSubjectMessage } from './panel-protocol.ts';
import type { InitializedMessage, SavedPanelState } from './panel-protocol.ts';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export class HostChannel<Outgoing, Choices extends object> {
  readonly #vscode = acquireVsCodeApi();
  #state: SavedPanelState;

  constructor() {
    const saved = this.#vscode.getState();
    this.#state = isRecord(saved) ? saved : {};
  }

  /** The user's choices as saved before the last reload (or hide). */
  get choices(): Partial<Choices> {
    return (this.#state.choices ?? {}) as Partial<Choices>;
  }

  /** Merges `next` into the saved choices; the subject stays. */
  save(next: Partial<Choices>): void {
    this.#state = { ...this.#state, choices: { ...this.#state.choices, ...next } };
    this.#vscode.setState(this.#state);
  }

  post(message: Outgoing): void {
    this.#vscode.postMessage(message);
  }

  /** Call last, when the page is ready: messages arrive from here on. */
  listen<Incoming>(
    parse: (value: unknown) => Incoming | undefined,
    handle: (message: Incoming) => void,
  ): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isSubjectMessage(event.data)) {
        this.#state = { ...this.#state, subject: event.data.payload };
        this.#vscode.setState(this.#state);
        return;
      }
      const message = parse(event.data);
      if (message !== undefined) handle(message);
    });
    this.#vscode.postMessage({ type: 'initialized' } satisfies InitializedMessage);
  }
}
