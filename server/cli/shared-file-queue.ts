/**
 * The Python files of a check, handed out one at a time to the threads that extract their facts:
 * each takes the next file when it is free, so a thread that also collects, or runs on a busier
 * core, simply takes fewer, and all of them finish together. One counter per configuration
 * group in shared memory, advanced atomically.
 */
export class SharedFileQueue {
  private readonly next: Int32Array;

  /** `buffer` from `SharedFileQueue.buffer`, shared with every thread of the check. */
  constructor(buffer: SharedArrayBuffer) {
    this.next = new Int32Array(buffer);
  }

  /** Memory for the counters of `groups` configuration groups, all at their first file. */
  static buffer(groups: number): SharedArrayBuffer {
    return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * Math.max(1, groups));
  }

  /** The files of `group` that this thread takes, until none is left. Every thread passes the same list. */
  *take(group: number, files: readonly string[]): Generator<string> {
    for (;;) {
      const index = Atomics.add(this.next, group, 1);
      if (index >= files.length) return;
      const file = files[index];
      if (file !== undefined) yield file;
    }
  }
}
