import { EventEmitter, once } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * The failure modes tests switch on through the control API. Events: `watch-opened`, `gone` (the
 * listener closed) and `listening` (it listens again). Every active watch registers here so
 * that it can be dropped, made silent or fed garbage.
 */
export class FaultState extends EventEmitter {
  /** Delay before every API response (ms). */
  latencyMs = 0;
  /** Watches stay open but send nothing, neither events nor bookmarks. */
  silentWatches = false;
  /** The next N watch requests get an ERROR event with a 410 Gone Status and are closed. */
  expireNextWatches = 0;
  readonly watches = new Set<ServerResponse>();

  /** Called by the watch handler for each stream it opens. */
  opened(response: ServerResponse): void {
    this.watches.add(response);
    this.emit('watch-opened', this.watches.size);
  }

  /** Resolves once at least `count` watch streams are open. */
  async watchesOpen(count = 1): Promise<void> {
    while (this.watches.size < count) await once(this, 'watch-opened');
  }

  /** Ends every watch stream abruptly (the connection is destroyed, as a dying proxy does). */
  dropWatches(): number {
    const count = this.watches.size;
    for (const response of this.watches) response.destroy();
    this.watches.clear();
    return count;
  }

  /** Ends every watch stream cleanly, as the server does when a watch's timeout runs out. */
  endWatches(): number {
    const count = this.watches.size;
    for (const response of this.watches) response.end();
    this.watches.clear();
    return count;
  }

  /** Writes bytes that are not JSON into every open watch stream. */
  sendGarbage(bytes = '\u0000\u00ff}{not json at all\n'): number {
    for (const response of this.watches) response.write(bytes);
    return this.watches.size;
  }

  reset(): void {
    this.latencyMs = 0;
    this.silentWatches = false;
    this.expireNextWatches = 0;
  }
}
