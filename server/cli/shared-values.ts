/**
 * One copy of each equal string in data that arrived from another thread. Structured cloning
 * gives every string of every message its own copy, where the thread that made the data shared
 * them (slices of one source text, the same feature and callee names over and over): pooling
 * takes the Python facts of the generated 5,000-file project from about 350 to 265 MB.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  /** Replaces, in place, every string inside `value` (plain objects and arrays) by the pooled one. */
  share<T>(value: T): T {
    return this.visit(value) as T;
  }

  private visit(value: unknown): unknown {
    if (typeof value === 'string') {
      const pooled = this.strings.get(value);
      if (pooled !== undefined) return pooled;
      this.strings.set(value, value);
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.visit(value[i]);
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = this.visit(record[key]);
    return value;
  }
}
