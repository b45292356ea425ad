/**
 * Test fixture: the service proxy part of a Kubernetes API server, in front of a real Prometheus.
 * `/api/v1/namespaces/NS/services/NAME:PORT/proxy/<path>` is forwarded to Prometheus when the
 * bearer token matches; anything else gets the API server's `Status` answers (401, 404).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServiceProxyFixture {
  server: string;
  /** Paths asked, in order. */
  requests: string[];
  close(): Promise<void>;
}

function status(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code });
}

export async function startServiceProxy(options: {
  token: string;
  servicePath: string;
  upstream: string;
}): Promise<ServiceProxyFixture> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    requests.push(url);
    const reply = (code: number, body: string) =>
      response.writeHead(code, { 'content-type': 'application/json' }).end(body);
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      reply(401, status(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const prefix = `${options.servicePath}/proxy/`;
    if (!url.startsWith(prefix)) {
      reply(404, status(404, 'NotFound', `the server could not find the requested resource`));
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      fetch(`${options.upstream}/${url.slice(prefix.length)}`, {
        method: request.method,
        headers: { 'content-type': request.headers['content-type'] ?? 'application/octet-stream' },
        body: request.method === 'GET' ? undefined : Buffer.concat(chunks),
      }).then(
        async (upstream) => reply(upstream.status, await upstream.text()),
        (error: unknown) =>
          reply(503, status(503, 'ServiceUnavailable', `error trying to reach service: ${String(error)}`)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
