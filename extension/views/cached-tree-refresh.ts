/**
 * The refresh of a tree view backed by a two-level tree cache: while no daemon is connected the
 * view shows one message; once connected, a refresh fetches again and fires change events only
 * for the nodes that changed, or none at all when nothing did (a re-render would drop the
 * selection). Calls while one runs are folded into one more refresh after it (SerialRefresh).
 * No `vscode` import at run time, so it is unit tested.
 */
import type { DaemonState } from '../daemon/daemon-connection.ts';
import { SerialRefresh } from '../daemon/serial-refresh.ts';
import type { TreeChanges } from './two-level-tree-cache.ts';

export interface TreeMessageNode {
  readonly kind: 'message';
  readonly text: string;
}

export interface CachedTreeRefreshOptions<Node> {
  state: () => DaemonState['kind'];
  cache: { clear(): void; refresh(): Promise<TreeChanges<Node>> };
  /** Fires the view's change event: `undefined` for the whole view. */
  fire: (nodes: Node[] | undefined) => void;
  /** What the view says in restricted mode. */
  restrictedText: string;
}

export class CachedTreeRefresh<Node> {
  readonly #options: CachedTreeRefreshOptions<Node>;
  /** The message shown instead of the tree while no daemon is connected. */
  #message: TreeMessageNode | undefined;
  readonly #serial = new SerialRefresh(() => this.#refreshOnce().catch(() => undefined));

  constructor(options: CachedTreeRefreshOptions<Node>) {
    this.#options = options;
  }

  /** The message the view shows now instead of its tree, none when connected. */
  message(): TreeMessageNode | undefined {
    this.#message = this.#messageFor(this.#options.state());
    return this.#message;
  }

  refresh(): Promise<void> {
    return this.#serial.request();
  }

  async #refreshOnce(): Promise<void> {
    const { cache, fire, state } = this.#options;
    const message = this.#messageFor(state());
    if (message !== this.#message) {
      // Connected or disconnected: the whole view is something else now.
      this.#message = message;
      cache.clear();
      fire(undefined);
      return;
    }
    if (message !== undefined) return;
    const changes = await cache.refresh();
    if (changes.root) fire(undefined);
    else if (changes.nodes.length > 0) fire([...changes.nodes]);
  }

  /** The message shown for `state` (the same object while it says the same), none when connected. */
  #messageFor(state: DaemonState['kind']): TreeMessageNode | undefined {
    if (state === 'connected') return undefined;
    const text = state === 'restricted' ? this.#options.restrictedText : 'No daemon connected.';
    return this.#message?.text === text ? this.#message : { kind: 'message', text };
  }
}
