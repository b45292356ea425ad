/**
 * Lets an HTTP server finish closing. `server.close()` stops accepting and closes the keep-alive
 * connections that are idle at that moment, but a request still being served then leaves its
 * connection open once answered, and `close()` waits for it until the keep-alive timeout (or
 * forever, while the client keeps the socket). While closing, the drain closes each connection as
 * soon as its last response is done, and it can say which requests are still in flight.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface InFlightRequest {
  readonly method: string;
  /** Without the query string (it may carry ids the log has no use for). */
  readonly url: string;
  readonly sinceMs: number;
}

export class ConnectionDrain {
  readonly #server: Server;
  readonly #inFlight = new Map<ServerResponse, InFlightRequest>();
  #closing = false;

  constructor(server: Server, now: () => number = Date.now) {
    this.#server = server;
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      this.#inFlight.set(response, {
        method: request.method ?? '',
        url: (request.url ?? '').split('?')[0] ?? '',
        sinceMs: now(),
      });
      response.once('close', () => {
        this.#inFlight.delete(response);
        // After 'close' the connection is idle (or gone); close it on the next turn.
        if (this.#closing) setImmediate(() => this.#server.closeIdleConnections());
      });
    });
  }

  /** From now on a connection closes once its response is done; idle ones close now. */
  beginClosing(): void {
    this.#closing = true;
    this.#server.closeIdleConnections();
  }

  /** The requests still being answered, oldest first. */
  inFlight(): InFlightRequest[] {
    return [...this.#inFlight.values()].sort((a, b) => a.sinceMs - b.sinceMs);
  }

  /** Drops every connection, answered or not (past the shutdown deadline). */
  forceClose(): void {
    this.#server.closeAllConnections();
  }
}
