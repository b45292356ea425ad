/**
 * Imports JSON lines from `*.jsonl` files that land in a folder (the serving app, or a log
 * shipper, writes or appends them): production samples by default, or delayed labels
 * (`labelFolderLines`). Each file is read on from the byte offset stored with
 * it, up to its last complete line; the samples and the new offset are written in one
 * transaction, so a restart neither loses nor repeats a line. A file that shrank was replaced
 * and is read from its start. Bad lines are logged with the file and their line in the part
 * read, and skipped.
 *
 * The watcher drops a change that follows another within its 50 ms throttle, so every change
 * also schedules one trailing read shortly after: a burst of appends that ends inside the
 * throttle is still read to its last line without waiting for the next write.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log/logger.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { parseSampleLines } from './sample-lines.ts';

/** What the lines of a folder are: how far a file was read, and how its new lines are stored. */
export interface FolderLines {
  /** For the log: 'sample' or 'label'. */
  readonly noun: string;
  offset(store: TrackingStore, file: string): number;
  /** Parses the text and, in one transaction, stores its valid lines and the file's new offset. */
  store(
    store: TrackingStore,
    text: string,
    file: string,
    offset: number,
  ): { accepted: number; rejected: { line: number; message: string }[] };
}

export const sampleFolderLines: FolderLines = {
  noun: 'sample',
  offset: (store, file) => store.read(() => store.driftSamples.fileOffset(file)),
  store: (store, text, file, offset) => {
    const { samples, rejected } = parseSampleLines(text);
    store.write(() => {
      store.driftSamples.insert(samples);
      store.driftSamples.setFileOffset(file, offset);
    });
    return { accepted: samples.length, rejected };
  },
};

export interface SampleFolderImporterOptions {
  readonly store: TrackingStore;
  readonly logger: Logger;
  readonly folder: string;
  /** Told after each file read that stored samples (tests wait on it). */
  readonly onImported?: (file: string, accepted: number) => void;
  readonly usePolling?: boolean;
  /** Samples unless told otherwise. */
  readonly lines?: FolderLines;
}

/** Longer than the watcher's 50 ms change throttle, with room for a busy event loop. */
const TRAILING_READ_MS = 150;

export class SampleFolderImporter {
  readonly #options: SampleFolderImporterOptions;
  #watcher: FSWatcher | undefined;
  #queue: Promise<void> = Promise.resolve();
  readonly #pending = new Set<string>();
  readonly #trailing = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(options: SampleFolderImporterOptions) {
    this.#options = options;
  }

  /** Starts watching; resolves once the files already there are queued. */
  async start(): Promise<void> {
    const watcher = watch(this.#options.folder, {
      ignoreInitial: false,
      depth: 0,
      usePolling: this.#options.usePolling ?? false,
      interval: 50,
      binaryInterval: 50,
    });
    this.#watcher = watcher;
    const onFile = (file: string): void => {
      if (!file.endsWith('.jsonl')) return;
      this.#enqueue(file);
      this.#scheduleTrailingRead(file);
    };
    watcher.on('add', onFile).on('change', onFile);
    watcher.on('error', (error) =>
      this.#options.logger.warn(`${(this.#options.lines ?? sampleFolderLines).noun}s folder watcher error`, {
        folder: this.#options.folder,
        error,
      }),
    );
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.#options.logger.info(`watching ${(this.#options.lines ?? sampleFolderLines).noun}s folder`, {
      folder: this.#options.folder,
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#trailing.values()) clearTimeout(timer);
    this.#trailing.clear();
    await this.#watcher?.close();
    await this.#queue;
  }

  /** Reads the file again once the watcher's change throttle has passed (restarted by each change). */
  #scheduleTrailingRead(file: string): void {
    clearTimeout(this.#trailing.get(file));
    const timer = setTimeout(() => {
      this.#trailing.delete(file);
      this.#enqueue(file);
    }, TRAILING_READ_MS);
    timer.unref();
    this.#trailing.set(file, timer);
  }

  #enqueue(file: string): void {
    if (this.#closed || this.#pending.has(file)) return;
    this.#pending.add(file);
    this.#queue = this.#queue
      .then(async () => {
        this.#pending.delete(file);
        await this.#read(file);
      })
      .catch((error: unknown) =>
        this.#options.logger.error(`${(this.#options.lines ?? sampleFolderLines).noun}s import failed`, {
          file,
          error,
        }),
      );
  }

  async #read(file: string): Promise<void> {
    const { store } = this.#options;
    const lines = this.#options.lines ?? sampleFolderLines;
    const realPath = path.resolve(file);
    let offset = lines.offset(store, realPath);
    const { size } = await stat(realPath);
    if (size < offset) offset = 0;
    if (size === offset) return;
    const handle = await open(realPath, 'r');
    let bytes: Buffer;
    try {
      bytes = Buffer.alloc(size - offset);
      await handle.read(bytes, 0, bytes.length, offset);
    } finally {
      await handle.close();
    }
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end === 0) return;
    const text = bytes.subarray(0, end).toString('utf8');
    const { accepted, rejected } = lines.store(store, text, realPath, offset + end);
    for (const { line, message } of rejected)
      this.#options.logger.warn(`${lines.noun} line skipped`, {
        file: realPath,
        fromByte: offset,
        line,
        message,
      });
    this.#options.onImported?.(realPath, accepted);
  }
}
