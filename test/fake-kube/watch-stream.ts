import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, statusObject } from './api-status.ts';
import type { FaultState } from './fault-state.ts';
import type { KubeObject, WatchEvent } from './kube-object.ts';
import { parseSelection, selects, type Selection } from './list-query.ts';
import type { ObjectStore, StoreChange } from './object-store.ts';
import { groupVersionOf, resourceKey, type ResourceType } from './resource-catalog.ts';
import { toTable, wantsTable } from './table-output.ts';
import { objectForWire } from './wire-object.ts';

export interface WatchContext {
  store: ObjectStore;
  faults: FaultState;
  bookmarkIntervalMs: number;
}

function inNamespace(object: KubeObject, namespace: string | undefined): boolean {
  return namespace === undefined || object.metadata.namespace === namespace;
}

/** What a watcher with these selectors sees of a change: a type, or nothing. */
function visibleType(change: StoreChange, selection: Selection): WatchEvent['type'] | undefined {
  const now = selects(selection, change.object);
  if (change.type !== 'MODIFIED') return now ? change.type : undefined;
  const before = change.previous ? selects(selection, change.previous) : now;
  if (now) return before ? 'MODIFIED' : 'ADDED';
  return before ? 'DELETED' : undefined;
}

/**
 * Serves `?watch=1`: a chunked stream of newline-delimited watch events. Replays the retained
 * changes after `resourceVersion` (or the current objects as ADDED when it is empty or "0"),
 * then follows the store; a resourceVersion older than the history gets an ERROR event with a
 * 410 Status, as the real server sends.
 */
export function serveWatch(
  context: WatchContext,
  request: IncomingMessage,
  response: ServerResponse,
  resource: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): void {
  const { store, faults } = context;
  const selection = parseSelection(query, resource);
  const rvText = query.get('resourceVersion') ?? '';
  if (rvText !== '' && !/^\d+$/.test(rvText)) throw badRequest(`invalid resource version: ${rvText}`);
  const timeoutText = query.get('timeoutSeconds');
  const timeoutSeconds = timeoutText ? Number(timeoutText) : 1800;
  const bookmarks = query.get('allowWatchBookmarks') === 'true' || query.get('allowWatchBookmarks') === '1';
  const initialEvents = query.get('sendInitialEvents') === 'true';
  if (initialEvents && (!bookmarks || query.get('resourceVersionMatch') !== 'NotOlderThan')) {
    throw new ApiError(
      422,
      'Invalid',
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan and allowWatchBookmarks to true',
    );
  }
  const asTable = wantsTable(request.headers.accept);
  const includeObject = query.get('includeObject') ?? 'Metadata';
  let columnsSent = false;

  response.writeHead(200, {
    'Content-Type': asTable ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : 'application/json',
    'Cache-Control': 'no-cache, private',
  });
  response.flushHeaders();

  /** Writes one event line unless the stream has been ended or dropped meanwhile. */
  const writeLine = (event: unknown): void => {
    if (!response.writableEnded && !response.destroyed) response.write(`${JSON.stringify(event)}\n`);
  };
  const send = (type: WatchEvent['type'], object: KubeObject): void => {
    if (faults.silentWatches) return;
    let wire: unknown = objectForWire(resource, object);
    if (asTable && type !== 'BOOKMARK') {
      wire = toTable(
        resource.kind,
        [object],
        { resourceVersion: object.metadata.resourceVersion },
        {
          includeObject,
          withColumns: !columnsSent,
        },
      );
      columnsSent = true;
    }
    writeLine({ type, object: wire });
  };
  const sendError = (code: number, reason: string, message: string): void => {
    writeLine({ type: 'ERROR', object: statusObject(code, reason, message) });
    response.end();
  };

  /** A BOOKMARK: only the kind and the current resourceVersion (and annotations for the end of initial events). */
  function sendBookmark(annotations?: Record<string, string>): void {
    if (faults.silentWatches) return;
    const metadata = {
      resourceVersion: String(store.resourceVersion),
      ...(annotations ? { annotations } : {}),
    };
    const object = { kind: resource.kind, apiVersion: groupVersionOf(resource), metadata };
    writeLine({ type: 'BOOKMARK', object });
  }

  if (faults.expireNextWatches > 0) {
    faults.expireNextWatches--;
    sendError(410, 'Expired', `too old resource version: ${rvText || '0'} (${store.resourceVersion})`);
    return;
  }
  const key = resourceKey(resource);
  const fromRv = rvText === '' ? 0 : Number(rvText);
  if (fromRv === 0 || initialEvents) {
    const collection = store.collection(resource);
    for (const objectKey of collection.keys(namespace !== undefined ? `${namespace}/` : '')) {
      const object = collection.get(objectKey);
      if (object && selects(selection, object)) send('ADDED', object);
    }
    if (initialEvents) sendBookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const changes = store.changesSince(key, fromRv);
    if (!changes) {
      sendError(410, 'Expired', `too old resource version: ${fromRv} (${store.oldestWatchableRv})`);
      return;
    }
    for (const change of changes) {
      if (!inNamespace(change.object, namespace)) continue;
      const type = visibleType(change, selection);
      if (type) send(type, change.object);
    }
  }

  const unsubscribe = store.subscribe((change) => {
    if (change.resource !== key || !inNamespace(change.object, namespace)) return;
    const type = visibleType(change, selection);
    if (type) send(type, change.object);
  });
  const bookmarkTimer = bookmarks ? setInterval(() => sendBookmark(), context.bookmarkIntervalMs) : undefined;
  const timeout = setTimeout(() => response.end(), timeoutSeconds * 1000);
  faults.opened(response);
  const finish = (): void => {
    unsubscribe();
    clearInterval(bookmarkTimer);
    clearTimeout(timeout);
    faults.watches.delete(response);
  };
  response.on('close', finish);
  response.on('finish', finish);
  request.on('close', finish);
}
