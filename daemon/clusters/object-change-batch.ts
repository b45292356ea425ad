/**
 * Collects object changes of one context over a short window and publishes them as one
 * `cluster_objects_changed` event, so that a busy cluster does not flood the editor.
 */
import type { ChangeEvent } from '../api/contract.ts';

export const DEFAULT_BATCH_WINDOW_MS = 100;
const KEYS_PER_EVENT = 20;

export class ObjectChangeBatch {
  readonly #context: string;
  readonly #publish: (event: ChangeEvent) => void;
  readonly #windowMs: number;
  readonly #resources = new Set<string>();
  readonly #keys: string[] = [];
  #objects = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(context: string, publish: (event: ChangeEvent) => void, windowMs = DEFAULT_BATCH_WINDOW_MS) {
    this.#context = context;
    this.#publish = publish;
    this.#windowMs = windowMs;
  }

  add(resource: string, keys: readonly string[]): void {
    this.#resources.add(resource);
    this.#objects += keys.length;
    for (const key of keys) {
      if (this.#keys.length >= KEYS_PER_EVENT) break;
      this.#keys.push(`${resource}/${key}`);
    }
    this.#timer ??= setTimeout(() => this.flush(), this.#windowMs).unref();
  }

  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#objects === 0) return;
    this.#publish({
      type: 'cluster_objects_changed',
      context: this.#context,
      resources: [...this.#resources].sort(),
      objects: this.#objects,
      keys: [...this.#keys],
    });
    this.#resources.clear();
    this.#keys.length = 0;
    this.#objects = 0;
  }
}
