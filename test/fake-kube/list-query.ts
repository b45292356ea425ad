import { badRequest, expired } from './api-status.ts';
import { fieldsMatch, parseFieldSelector, type FieldRequirement } from './field-selector.ts';
import type { KubeObject } from './kube-object.ts';
import { labelsMatch, parseLabelSelector, type LabelRequirement } from './label-selector.ts';
import type { ObjectStore } from './object-store.ts';
import type { ResourceType } from './resource-catalog.ts';

/** The selectors of a list or watch request. */
export interface Selection {
  labels: LabelRequirement[];
  fields: FieldRequirement[];
}

export function parseSelection(query: URLSearchParams, resource: ResourceType): Selection {
  return {
    labels: parseLabelSelector(query.get('labelSelector') ?? ''),
    fields: parseFieldSelector(query.get('fieldSelector') ?? '', resource),
  };
}

export function selects(selection: Selection, object: KubeObject): boolean {
  return labelsMatch(selection.labels, object.metadata.labels) && fieldsMatch(selection.fields, object);
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<ContinueToken>;
    if (parsed.v === 'meta.k8s.io/v1' && typeof parsed.rv === 'number' && typeof parsed.start === 'string') {
      return parsed as ContinueToken;
    }
  } catch {
    // reported below
  }
  throw badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

function encodeContinue(rv: number, lastKey: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continueToken: string | undefined;
  remainingItemCount: number | undefined;
}

export const CONTINUE_TOO_OLD =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** One page of a list: `limit` objects from the `continue` token's position, in key order. */
export function listPage(
  store: ObjectStore,
  resource: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): ListPage {
  const selection = parseSelection(query, resource);
  const limitText = query.get('limit');
  const limit = limitText ? Number(limitText) : 0;
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${limitText}`);
  const token = query.get('continue');
  let rv = store.resourceVersion;
  let afterKey: string | undefined;
  if (token) {
    const decoded = decodeContinue(token);
    if (decoded.rv < store.oldestWatchableRv) throw expired(CONTINUE_TOO_OLD);
    rv = decoded.rv;
    afterKey = decoded.start.endsWith('\u0000') ? decoded.start.slice(0, -1) : decoded.start;
  }
  const requested = query.get('resourceVersion');
  if (requested && requested !== '0' && query.get('resourceVersionMatch') === 'Exact') {
    const exact = Number(requested);
    if (!Number.isInteger(exact)) throw badRequest(`invalid resource version: ${requested}`);
    if (exact < store.oldestWatchableRv)
      throw expired(`too old resource version: ${exact} (${store.oldestWatchableRv})`);
  } else if (requested && requested !== '0' && Number(requested) < store.oldestWatchableRv) {
    throw expired(`too old resource version: ${requested} (${store.oldestWatchableRv})`);
  }
  const collection = store.collection(resource);
  const prefix = namespace !== undefined ? `${namespace}/` : '';
  const items: KubeObject[] = [];
  let lastKey: string | undefined;
  let more = false;
  const unfiltered = selection.labels.length === 0 && selection.fields.length === 0;
  for (const key of collection.keys(prefix, afterKey)) {
    const object = collection.get(key);
    if (!object || !selects(selection, object)) continue;
    if (limit > 0 && items.length === limit) {
      more = true;
      break;
    }
    items.push(object);
    lastKey = key;
  }
  let remainingItemCount: number | undefined;
  if (more && unfiltered && namespace === undefined && afterKey === undefined) {
    remainingItemCount = collection.size - items.length;
  }
  return {
    items,
    resourceVersion: String(rv),
    continueToken: more && lastKey !== undefined ? encodeContinue(rv, lastKey) : undefined,
    remainingItemCount,
  };
}
