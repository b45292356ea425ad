import type { IncomingMessage, ServerResponse } from 'node:http';
import { verbOf, type AccessRules } from './access-rules.ts';
import { ApiError, notFound } from './api-status.ts';
import {
  aggregatedDiscovery,
  AGGREGATED_DISCOVERY_TYPE,
  apiGroupList,
  apiGroupOf,
  apiResourceList,
  apiVersions,
  SERVER_VERSION,
  wantsAggregatedDiscovery,
} from './discovery.ts';
import type { FaultState } from './fault-state.ts';
import { listPage } from './list-query.ts';
import type { ObjectStore } from './object-store.ts';
import { openApiDocument } from './openapi.ts';
import type { PodLogs } from './pod-logs.ts';
import { parseResourcePath } from './request-route.ts';
import { groupVersionOf, type ResourceCatalog } from './resource-catalog.ts';
import { toTable, wantsTable } from './table-output.ts';
import { serveWatch } from './watch-stream.ts';
import { listItemForWire, listKind, objectForWire } from './wire-object.ts';
import { deleteCollection, deleteObject } from './delete-handlers.ts';
import { handleScale } from './scale-subresource.ts';
import {
  createObject,
  patchObject,
  replaceObject,
  requireLive,
  type WriteRequest,
} from './write-handlers.ts';

/** Everything the Kubernetes API routes read and change. */
export interface ApiContext {
  store: ObjectStore;
  catalog: ResourceCatalog;
  logs: PodLogs;
  faults: FaultState;
  access: AccessRules;
  aggregatedDiscovery: boolean;
  bookmarkIntervalMs: number;
  serverAddress: () => string;
}

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function sendJson(
  response: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
): void {
  const text = JSON.stringify(body);
  response.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError(
        413,
        'RequestEntityTooLarge',
        `Request entity too large: limit is ${MAX_BODY_BYTES}`,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Discovery documents; undefined when the path is not one. */
function discovery(
  context: ApiContext,
  path: string,
  accept: string | undefined,
): [unknown, string?] | undefined {
  const { catalog } = context;
  const aggregated = context.aggregatedDiscovery && wantsAggregatedDiscovery(accept);
  if (path === '/version') return [SERVER_VERSION];
  if (path === '/api') {
    return aggregated
      ? [aggregatedDiscovery(catalog, true), AGGREGATED_DISCOVERY_TYPE]
      : [apiVersions(context.serverAddress())];
  }
  if (path === '/apis') {
    return aggregated
      ? [aggregatedDiscovery(catalog, false), AGGREGATED_DISCOVERY_TYPE]
      : [apiGroupList(catalog)];
  }
  const core = /^\/api\/(v1)$/.exec(path);
  if (core) return wrap(apiResourceList(catalog, '', core[1] as string));
  const groupVersion = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
  if (groupVersion)
    return wrap(apiResourceList(catalog, groupVersion[1] as string, groupVersion[2] as string));
  const group = /^\/apis\/([^/]+)$/.exec(path);
  if (group) return wrap(apiGroupOf(catalog, group[1] as string));
  if (path.startsWith('/openapi/')) return wrap(openApiDocument(catalog, path));
  return undefined;
}

function wrap(body: unknown): [unknown] {
  if (body === undefined)
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  return [body];
}

/** Serves one Kubernetes API request (discovery, reads, watches, logs and writes). */
export async function handleApiRequest(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = request.method ?? 'GET';
  const found = method === 'GET' ? discovery(context, url.pathname, request.headers.accept) : undefined;
  if (found) {
    sendJson(response, 200, found[0], found[1]);
    return;
  }
  const route = parseResourcePath(context.catalog, url.pathname);
  if (!route) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (route.subresource !== undefined && !route.resource.subresources.includes(route.subresource)) {
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }
  const query = url.searchParams;
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  context.access.check(verbOf(method, route, watch), route);
  const { store } = context;
  const { resource } = route;

  if (method === 'GET') {
    if (watch) {
      serveWatch(context, request, response, resource, route.namespace, query);
      return;
    }
    if (route.name === undefined) {
      const page = listPage(store, resource, route.namespace, query);
      const metadata = {
        resourceVersion: page.resourceVersion,
        ...(page.continueToken ? { continue: page.continueToken } : {}),
        ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
      };
      if (wantsTable(request.headers.accept)) {
        const table = toTable(resource.kind, page.items, metadata, {
          includeObject: query.get('includeObject') ?? 'Metadata',
          withColumns: true,
        });
        sendJson(response, 200, table, 'application/json;as=Table;v=v1;g=meta.k8s.io');
        return;
      }
      sendJson(response, 200, {
        kind: listKind(resource),
        apiVersion: groupVersionOf(resource),
        metadata,
        items: page.items.map((item) => listItemForWire(resource, item)),
      });
      return;
    }
    const object = store.get(resource, route.namespace, route.name);
    if (!object) throw notFound(resource.group, resource.plural, route.name);
    if (route.subresource === 'scale') {
      sendJson(response, 200, handleScale(store, 'GET', undefined, object).object);
      return;
    }
    if (route.subresource === 'log' && resource.kind === 'Pod') {
      context.logs.serve(object, query, response);
      return;
    }
    if (wantsTable(request.headers.accept)) {
      const table = toTable(
        resource.kind,
        [object],
        { resourceVersion: object.metadata.resourceVersion },
        {
          includeObject: query.get('includeObject') ?? 'Metadata',
          withColumns: true,
        },
      );
      sendJson(response, 200, table, 'application/json;as=Table;v=v1;g=meta.k8s.io');
      return;
    }
    sendJson(response, 200, objectForWire(resource, object));
    return;
  }

  const contentType = request.headers['content-type'] ?? 'application/json';
  if (/protobuf|cbor/.test(contentType)) {
    // Only JSON and YAML bodies: a real server without that codec answers 415 and client-go retries in JSON.
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  const write: WriteRequest = {
    route,
    query,
    body: await readBody(request),
    contentType,
    userAgent: request.headers['user-agent'] ?? 'unknown',
  };
  if (route.subresource === 'scale') {
    sendJson(response, 200, handleScale(store, method, write, requireLive(store, route)).object);
    return;
  }
  if (method === 'DELETE' && route.name === undefined) {
    sendJson(response, 200, deleteCollection(store, write, context.catalog.types).object);
    return;
  }
  if (method !== 'POST' && route.name === undefined) {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    );
  }
  const result =
    method === 'POST'
      ? createObject(store, write)
      : method === 'PUT'
        ? replaceObject(store, write)
        : method === 'PATCH'
          ? patchObject(store, write)
          : method === 'DELETE'
            ? deleteObject(store, write, context.catalog.types)
            : undefined;
  if (!result)
    throw new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    );
  sendJson(response, result.code, objectForWire(resource, result.object));
}
