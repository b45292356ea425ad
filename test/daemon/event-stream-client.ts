/** A Server-Sent Events reader over raw HTTP, for the daemon's `/events` tests. */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { NATIVE_API_PREFIX, type ChangeEventData } from '../../daemon/api/contract.ts';
import { TEST_TOKEN } from './daemon-harness.ts';

export interface StreamedEvent {
  id?: string;
  event: string;
  data: ChangeEventData;
}

export interface EventStream {
  status: number;
  events: StreamedEvent[];
  comments: string[];
  /** Resolves once `count` events have arrived (rejects after `timeoutMs`). */
  waitFor(predicate: (events: StreamedEvent[]) => boolean, timeoutMs?: number): Promise<StreamedEvent[]>;
  ended: Promise<void>;
  close(): void;
}

export function openEventStream(
  port: number,
  headers: Record<string, string | undefined> = {},
  query = '',
): Promise<EventStream> {
  const allHeaders: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    authorization: `Bearer ${TEST_TOKEN}`,
  };
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) delete allHeaders[key];
    else allHeaders[key] = value;
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: `${NATIVE_API_PREFIX}/events${query}`,
        headers: allHeaders,
        setHost: false,
      },
      (res: IncomingMessage) => resolve(readStream(res, () => req.destroy())),
    );
    req.on('error', reject);
    req.end();
  });
}

function readStream(res: IncomingMessage, destroy: () => void): EventStream {
  const events: StreamedEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      const data = fields.get('data');
      if (data !== undefined) {
        const event: StreamedEvent = {
          event: fields.get('event') ?? 'message',
          data: JSON.parse(data) as ChangeEventData,
        };
        const id = fields.get('id');
        if (id !== undefined) event.id = id;
        events.push(event);
      }
      for (const wake of waiters) wake();
      end = buffer.indexOf('\n\n');
    }
  });
  const ended = new Promise<void>((resolve) => {
    res.once('end', resolve);
    res.once('close', resolve);
  });
  return {
    status: res.statusCode ?? 0,
    events,
    comments,
    ended,
    close: destroy,
    waitFor: (predicate, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate(events)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; got ${JSON.stringify(events.map((e) => e.data))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}
