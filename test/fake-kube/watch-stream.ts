import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, statusObject } from './api-status.ts';
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
  const asTable = wantsTable(request.headers.accept);
  const includeObject = query.get('includeObject') ?? 'Metadata';
  let columnsSent = false;

  response.writeHead(200, {
    'Content-Type': asTable ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : 'application/json',
    'Cache-Control': 'no-cache, private',
  });
  response.flushHeaders();

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
    response.write(`${JSON.stringify({ type, object: wire })}\n`);
  };
  const sendError = (code: number, reason: string, message: string): void => {
    response.write(`${JSON.stringify({ type: 'ERROR', object: statusObject(code, reason, message) })}\n`);
    response.end();
  };

  if (faults.expireNextWatches > 0) {
    faults.expireNextWatches--;
    sendError(410, 'Expired', `too old resource version: ${rvText || '0'} (${store.resourceVersion})`);
    return;
  }
  const key = resourceKey(resource);
  const fromRv = rvText === '' ? 0 : Number(rvText);
  if (fromRv === 0) {
    const collection = store.collection(resource);
    for (const objectKey of collection.keys(namespace !== undefined ? `${namespace}/` : '')) {
      const object = collection.get(objectKey);
      if (object && selects(selection, object)) send('ADDED', object);
    }
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
  const bookmarkTimer = bookmarks
    ? setInterval(() => {
        if (faults.silentWatches) return;
        const object = {
          kind: resource.kind,
          apiVersion: groupVersionOf(resource),
          metadata: { resourceVersion: String(store.resourceVersion) },
        };
        response.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
      }, context.bookmarkIntervalMs)
    : undefined;
  const timeout = setTimeout(() => response.end(), timeoutSeconds * 1000);
  faults.opened(response);
  const finish = (): void => {
    unsubscribe();
    clearInterval(bookmarkTimer);
    clearTimeout(timeout);
    faults.watches.delete(response);
  };
  response.on('close', finish);
  request.on('close', finish);
}
