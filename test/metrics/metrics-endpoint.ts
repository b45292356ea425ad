/**
 * Test fixture: serves one prom-client registry at `/metrics` on a loopback port, in the
 * Prometheus text exposition format, so that a real Prometheus can scrape it. `stop()` takes the
 * endpoint away (an exporter that died); `start()` brings it back on the same port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export class MetricsEndpoint {
  readonly registry: Registry;
  #server: Server | undefined;
  #port = 0;

  constructor(registry: Registry) {
    this.registry = registry;
  }

  get port(): number {
    return this.#port;
  }

  /** `host:port` for a scrape config's `static_configs.targets`. */
  get target(): string {
    return `127.0.0.1:${this.#port}`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
