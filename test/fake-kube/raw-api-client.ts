import { request } from 'node:http';
import type { FakeKube } from './fake-kube-server.ts';

/** A plain-HTTP request to the fake with its token; the body parsed as JSON when it is JSON. */
export async function api(
  fake: FakeKube,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; contentType: string; body: Record<string, unknown> }> {
  const response = await fetch(`${fake.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(fake.token ? { Authorization: `Bearer ${fake.token}` } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text },
  };
}

/** An open watch stream read line by line (plain HTTP fakes only). */
export interface RawWatch {
  /** The next complete line, or undefined when the stream ended. */
  nextLine(): Promise<string | undefined>;
  /** Resolves when the server closed or dropped the stream. */
  closed: Promise<void>;
  statusCode: Promise<number>;
  close(): void;
}

export function openWatch(fake: FakeKube, path: string): RawWatch {
  let buffer = '';
  let ended = false;
  let wake: (() => void) | undefined;
  let resolveStatus: (code: number) => void = () => undefined;
  let resolveClosed: () => void = () => undefined;
  const statusCode = new Promise<number>((resolve) => (resolveStatus = resolve));
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const finish = (): void => {
    ended = true;
    wake?.();
    resolveClosed();
  };
  const req = request(
    `${fake.url}${path}`,
    { headers: fake.token ? { Authorization: `Bearer ${fake.token}` } : {} },
    (res) => {
      resolveStatus(res.statusCode ?? 0);
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        wake?.();
      });
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
    },
  );
  req.on('error', finish);
  req.end();
  return {
    statusCode,
    closed,
    async nextLine() {
      for (;;) {
        const newline = buffer.indexOf('\n');
        if (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          return line;
        }
        if (ended) return undefined;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    close: () => req.destroy(),
  };
}
