/**
 * GET `/events`: the change feed as Server-Sent Events. A client resumes with `Last-Event-ID`
 * (or `?last_event_id=`) and gets what it missed from the ring, or a `resync` event when the ring
 * no longer reaches back that far. Heartbeat comments keep proxies and idle timers from closing
 * the stream; the daemon ends every stream when it shuts down. A client too slow to read is
 * disconnected (it resumes where it was) rather than buffered without bound.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { CHANGE_EVENT_TYPES, NATIVE_API_PREFIX, type ChangeEventType } from '../../api/contract.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import type { ChangeFeed, FeedEvent } from '../events/change-feed.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** Past this many unsent bytes a subscriber is dropped. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Browsers' EventSource waits this long before reconnecting. */
const RETRY_MS = 2000;

export interface EventStreamOptions {
  readonly feed: ChangeFeed;
  readonly heartbeatMs?: number;
}

export function registerEventStreamRoutes(app: FastifyInstance, options: EventStreamOptions): void {
  const { feed } = options;
  const open = new Set<ServerResponse>();
  app.addHook('preClose', (done) => {
    feed.close();
    for (const response of open) response.end();
    open.clear();
    done();
  });

  app.get(`${NATIVE_API_PREFIX}/events`, (request, reply) => {
    const fields = new RequestFields(request.query, true);
    const header = request.headers['last-event-id'];
    const lastEventId =
      (Array.isArray(header) ? header[0] : header) ?? fields.optionalString('last_event_id');
    const wanted = wantedTypes(fields.stringList('type'));
    const missed = feed.since(lastEventId);
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    open.add(response);
    const send = (event: FeedEvent): void => {
      // Between end() and 'close' a write would fail: an ended stream takes nothing more.
      if (response.writableEnded || (wanted !== undefined && !wanted.has(event.data.type))) return;
      response.write(`id: ${event.id}\nevent: ${event.data.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      if (response.writableLength > MAX_BUFFERED_BYTES) response.end();
    };
    // Replay and subscribe in one synchronous step: no event can fall between them.
    response.write(`retry: ${RETRY_MS}\n\n`);
    if (missed === undefined)
      response.write(`event: resync\ndata: ${JSON.stringify({ type: 'resync' })}\n\n`);
    else missed.forEach(send);
    const unsubscribe = feed.subscribe(send);
    const heartbeat = setInterval(
      () => response.writableEnded || response.write(': heartbeat\n\n'),
      options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    ).unref();
    // A connection reset is the client leaving: 'close' below cleans up.
    response.on('error', () => response.destroy());
    response.once('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(response);
    });
  });
}

/** The requested event types, or undefined for all of them. */
function wantedTypes(requested: string[]): Set<ChangeEventType> | undefined {
  const names = requested.flatMap((entry) => entry.split(',')).filter((name) => name !== '');
  if (names.length === 0) return undefined;
  const wanted = new Set<ChangeEventType>();
  for (const name of names) {
    const type = CHANGE_EVENT_TYPES.find((t) => t === name);
    if (type === undefined)
      throw invalidParameter(
        `Unknown event type '${name}'; expected one of ${CHANGE_EVENT_TYPES.join(', ')}.`,
      );
    wanted.add(type);
  }
  return wanted;
}
