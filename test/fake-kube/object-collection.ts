import type { KubeObject } from './kube-object.ts';

/** An object stored as it is, or a generated one kept as its index until something reads it. */
type Entry = { rv: number; object: KubeObject } | { rv: number; index: number };

/** Builds generated object `index` with the given resourceVersion (memory-lean large clusters). */
export type ObjectGenerator = (index: number, resourceVersion: string) => KubeObject;

/**
 * The objects of one resource type, keyed `namespace/name` (or `name` for cluster-scoped types)
 * and listed in key order, as etcd lists them.
 */
export class ObjectCollection {
  private readonly entries = new Map<string, Entry>();
  private sortedKeys: string[] | undefined;
  private generator: ObjectGenerator | undefined;

  get size(): number {
    return this.entries.size;
  }

  /** Registers `count` generated objects; `keyOf(i)` must match what `generate(i)` names. */
  addGenerated(count: number, keyOf: (index: number) => string, generate: ObjectGenerator, rv: number): void {
    this.generator = generate;
    for (let index = 0; index < count; index++) this.entries.set(keyOf(index), { rv, index });
    this.sortedKeys = undefined;
  }

  get(key: string): KubeObject | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if ('object' in entry) return entry.object;
    if (!this.generator) throw new Error(`generated entry ${key} without a generator`);
    return this.generator(entry.index, String(entry.rv));
  }

  set(key: string, object: KubeObject, rv: number): void {
    if (!this.entries.has(key)) this.sortedKeys = undefined;
    this.entries.set(key, { rv, object });
  }

  delete(key: string): boolean {
    const deleted = this.entries.delete(key);
    if (deleted) this.sortedKeys = undefined;
    return deleted;
  }

  /** Keys in order, starting after `afterKey` and within `prefix` when given. */
  *keys(prefix = '', afterKey?: string): Generator<string> {
    this.sortedKeys ??= [...this.entries.keys()].sort();
    const keys = this.sortedKeys;
    const from = afterKey !== undefined && afterKey >= prefix ? afterKey : prefix;
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((keys[middle] as string) < from) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < keys.length; i++) {
      const key = keys[i] as string;
      if (afterKey !== undefined && key === afterKey) continue;
      if (!key.startsWith(prefix)) return;
      if (this.entries.has(key)) yield key;
    }
  }
}
