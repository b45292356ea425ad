import { randomUUID } from 'node:crypto';
import type { KubeObject } from './kube-object.ts';
import { ObjectCollection, type ObjectGenerator } from './object-collection.ts';
import { resourceKey, type ResourceType } from './resource-catalog.ts';

/** One change to a stored object, as a watch reports it. */
export interface StoreChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: string;
  rv: number;
  object: KubeObject;
  /** The object before a MODIFIED change (selectors turn it into ADDED or DELETED for a watch). */
  previous?: KubeObject;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Every object of the fake cluster, one global resourceVersion counter, and a bounded history of
 * changes from which watches resume. A resourceVersion older than that history is expired (410).
 */
export class ObjectStore {
  private rv = 0;
  private readonly collections = new Map<string, ObjectCollection>();
  private readonly history: StoreChange[] = [];
  private compactedRv = 0;
  private readonly listeners = new Set<(change: StoreChange) => void>();

  private readonly retainedChanges: number;

  constructor(retainedChanges: number) {
    this.retainedChanges = retainedChanges;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  /** Changes after this resourceVersion are retained; a watch from an older one gets 410. */
  get oldestWatchableRv(): number {
    return this.compactedRv;
  }

  collection(resource: ResourceType | string): ObjectCollection {
    const key = typeof resource === 'string' ? resource : resourceKey(resource);
    let collection = this.collections.get(key);
    if (!collection) {
      collection = new ObjectCollection();
      this.collections.set(key, collection);
    }
    return collection;
  }

  get(resource: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.collection(resource).get(objectKey(namespace, name));
  }

  /** Stores a new object: uid, creationTimestamp, generation and resourceVersion are the server's. */
  create(resource: ResourceType, object: KubeObject): KubeObject {
    const rv = ++this.rv;
    const metadata = object.metadata;
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...metadata,
        uid: metadata.uid ?? randomUUID(),
        creationTimestamp: metadata.creationTimestamp ?? timestamp(),
        resourceVersion: String(rv),
        ...(resource.customResource || 'spec' in object ? { generation: 1 } : {}),
      },
    };
    this.collection(resource).set(objectKey(metadata.namespace, metadata.name), stored, rv);
    this.record({ type: 'ADDED', resource: resourceKey(resource), rv, object: stored });
    return stored;
  }

  /** Replaces a stored object; generation goes up when its spec changed. */
  update(resource: ResourceType, object: KubeObject): KubeObject {
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    const previous = this.collection(resource).get(key);
    if (!previous) throw new Error(`update of missing object ${key}`);
    const rv = ++this.rv;
    const specChanged = JSON.stringify(previous['spec']) !== JSON.stringify(object['spec']);
    const generation = previous.metadata.generation;
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: previous.metadata.uid,
        creationTimestamp: previous.metadata.creationTimestamp,
        resourceVersion: String(rv),
        ...(generation !== undefined ? { generation: specChanged ? generation + 1 : generation } : {}),
      },
    };
    this.collection(resource).set(key, stored, rv);
    this.record({ type: 'MODIFIED', resource: resourceKey(resource), rv, object: stored, previous });
    return stored;
  }

  delete(resource: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const collection = this.collection(resource);
    const previous = collection.get(key);
    if (!previous) return undefined;
    collection.delete(key);
    const rv = ++this.rv;
    const object = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } };
    this.record({ type: 'DELETED', resource: resourceKey(resource), rv, object });
    return object;
  }

  /** Adds `count` objects made on demand by `generate`; none of them is in the change history. */
  addGenerated(
    resource: ResourceType,
    count: number,
    keyOf: (index: number) => string,
    generate: ObjectGenerator,
  ): void {
    const rv = ++this.rv;
    this.collection(resource).addGenerated(count, keyOf, generate, rv);
    this.compactedRv = this.rv;
  }

  /** Forgets the change history: every resourceVersion before now is too old to watch from. */
  compact(): void {
    this.history.length = 0;
    this.compactedRv = this.rv;
  }

  /** Changes of one resource after `rv`, or undefined when `rv` is older than the history. */
  changesSince(resource: string, rv: number): StoreChange[] | undefined {
    if (rv < this.compactedRv) return undefined;
    return this.history.filter((change) => change.resource === resource && change.rv > rv);
  }

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(change: StoreChange): void {
    this.history.push(change);
    if (this.history.length > this.retainedChanges) {
      const dropped = this.history.splice(0, this.history.length - this.retainedChanges);
      this.compactedRv = dropped[dropped.length - 1]?.rv ?? this.compactedRv;
    }
    for (const listener of this.listeners) listener(change);
  }
}
