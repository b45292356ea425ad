import type { IncomingMessage, ServerResponse } from 'node:http';
import jsonMergePatch from 'json-merge-patch';
import type { DenyRule } from './access-rules.ts';
import { badRequest } from './api-status.ts';
import type { FakeKube } from './fake-kube-server.ts';
import type { KubeObject } from './kube-object.ts';

/** Test-only routes, outside /api and /apis and without authentication (loopback only). */
export const CONTROL_PREFIX = '/fake-kube/';

function reply(response: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch (error) {
    throw badRequest(`control request body is not JSON: ${(error as Error).message}`);
  }
  throw badRequest('control request body must be a JSON object');
}

function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string') throw badRequest(`control request needs "${field}" (a string)`);
  return value;
}

const optionalText = (body: Record<string, unknown>, field: string): string | undefined =>
  typeof body[field] === 'string' ? body[field] : undefined;

/** Serves `POST /fake-kube/<action>`; README.md lists the actions. */
export async function handleControlRequest(
  fake: FakeKube,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const action = url.pathname.slice(CONTROL_PREFIX.length);
  if (request.method === 'GET' && action === 'state') {
    reply(response, 200, {
      resourceVersion: fake.store.resourceVersion,
      oldestWatchableRv: fake.store.oldestWatchableRv,
      watches: fake.faults.watches.size,
      faults: {
        latencyMs: fake.faults.latencyMs,
        silentWatches: fake.faults.silentWatches,
        expireNextWatches: fake.faults.expireNextWatches,
      },
    });
    return;
  }
  if (request.method !== 'POST')
    throw badRequest(`control routes take POST (GET only for ${CONTROL_PREFIX}state)`);
  const body = await jsonBody(request);
  const { faults } = fake;
  switch (action) {
    case 'put':
      reply(response, 200, fake.put(body as unknown as KubeObject));
      return;
    case 'modify': {
      const merge = body['merge'];
      const object = fake.modify(
        text(body, 'apiVersion'),
        text(body, 'kind'),
        optionalText(body, 'namespace'),
        text(body, 'name'),
        (o) => {
          Object.assign(o, jsonMergePatch.apply(o, merge));
        },
      );
      reply(response, 200, object);
      return;
    }
    case 'remove':
      reply(
        response,
        200,
        fake.remove(
          text(body, 'apiVersion'),
          text(body, 'kind'),
          optionalText(body, 'namespace'),
          text(body, 'name'),
        ) ?? {},
      );
      return;
    case 'faults':
      if (typeof body['latencyMs'] === 'number') faults.latencyMs = body['latencyMs'];
      if (typeof body['silentWatches'] === 'boolean') faults.silentWatches = body['silentWatches'];
      if (typeof body['expireNextWatches'] === 'number') faults.expireNextWatches = body['expireNextWatches'];
      reply(response, 200, {
        latencyMs: faults.latencyMs,
        silentWatches: faults.silentWatches,
        expireNextWatches: faults.expireNextWatches,
      });
      return;
    case 'reset-faults':
      faults.reset();
      fake.access.clear();
      reply(response, 200, {});
      return;
    case 'drop-watches':
      reply(response, 200, { dropped: faults.dropWatches() });
      return;
    case 'end-watches':
      reply(response, 200, { ended: faults.endWatches() });
      return;
    case 'garbage':
      reply(response, 200, { streams: faults.sendGarbage() });
      return;
    case 'compact':
      fake.store.compact();
      reply(response, 200, { oldestWatchableRv: fake.store.oldestWatchableRv });
      return;
    case 'outage': {
      const seconds = typeof body['seconds'] === 'number' ? body['seconds'] : 60;
      reply(response, 202, { seconds });
      response.on('finish', () => {
        void fake.disappear().then(() => setTimeout(() => void fake.reappear(), seconds * 1000));
      });
      return;
    }
    case 'log':
      fake.logs.append(
        text(body, 'namespace'),
        text(body, 'pod'),
        text(body, 'container'),
        text(body, 'line'),
      );
      reply(response, 200, {});
      return;
    case 'deny': {
      const rule: DenyRule = {
        verb: optionalText(body, 'verb'),
        resource: optionalText(body, 'resource'),
        namespace: optionalText(body, 'namespace'),
      };
      fake.access.deny(rule);
      reply(response, 200, {});
      return;
    }
    default:
      throw badRequest(`unknown control action "${action}"`);
  }
}
