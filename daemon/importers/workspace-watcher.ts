/**
 * Watches registered workspace folders with chokidar and runs the importers on what changed:
 * anything under `mlruns/` re-runs the (incremental) mlruns import, a `dvc.lock` or `*.dvc` file
 * is recorded, an artifact-like file gets its digest. Events are coalesced per folder and kind
 * (work starts `debounceMs` after the first event), and each folder's work runs one task at a
 * time. A failing task is logged; the watcher keeps going. `imported` is emitted after each task.
 * chokidar drops a change that follows another within 50 ms, so each event also (re)starts a
 * trailing timer that schedules the work once more after the burst: the last write of a burst is
 * never left for the next one.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log/logger.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { isArtifactLike, recordArtifactDigest } from './artifact-digests.ts';
import { currentDvcOutputs, importDvcFile, isDvcFile, linkDvcOutputs } from './dvc-importer.ts';
import { importMlruns, type ImportChangeSink } from './mlruns-importer.ts';

/** Folders never watched inside a workspace. */
const IGNORED_FOLDERS = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.dvc',
  '.mypy_cache',
]);

export type ImportKind = 'mlruns' | 'dvc' | 'artifacts';

export interface ImportedEvent {
  folder: string;
  kind: ImportKind;
}

export interface WorkspaceWatcherOptions {
  store: TrackingStore;
  logger: Logger;
  /** Told about imported runs and metric points (the daemon's change feed). */
  changes?: ImportChangeSink;
  debounceMs?: number;
  /** Poll instead of native events (file systems without them; tests). */
  usePolling?: boolean;
  pollIntervalMs?: number;
}

/** Longer than chokidar's 50 ms change throttle, with room for a busy event loop. */
const TRAILING_MS = 150;

interface FolderState {
  watcher: FSWatcher;
  timers: Map<ImportKind, NodeJS.Timeout>;
  /** Per kind, the timer that schedules the work again after the last event of a burst. */
  trailing: Map<ImportKind, NodeJS.Timeout>;
  dvcFiles: Set<string>;
  artifactFiles: Set<string>;
  queue: Promise<void>;
}

export class WorkspaceWatcher extends EventEmitter<{ imported: [ImportedEvent] }> {
  readonly #options: WorkspaceWatcherOptions;
  readonly #folders = new Map<string, FolderState>();
  /** Each import task running now, as `kind folder`. */
  readonly #running = new Set<string>();
  #closed = false;

  constructor(options: WorkspaceWatcherOptions) {
    super();
    this.#options = options;
  }

  /** Starts watching the folders not watched yet; resolves once their initial scan is done. */
  async watch(folders: readonly string[]): Promise<void> {
    if (this.#closed) return;
    await Promise.all(folders.filter((f) => !this.#folders.has(f)).map((f) => this.#watchFolder(f)));
  }

  /** The import tasks running now, as `kind folder`. */
  running(): string[] {
    return [...this.#running];
  }

  async close(): Promise<void> {
    this.#closed = true;
    const states = [...this.#folders.values()];
    this.#folders.clear();
    for (const state of states)
      for (const timer of [...state.timers.values(), ...state.trailing.values()]) clearTimeout(timer);
    await Promise.all(
      states.map(async (state) => {
        await state.watcher.close();
        await state.queue;
      }),
    );
  }

  async #watchFolder(folder: string): Promise<void> {
    const watcher = watch(folder, {
      ignoreInitial: false,
      usePolling: this.#options.usePolling ?? false,
      interval: this.#options.pollIntervalMs ?? 100,
      binaryInterval: this.#options.pollIntervalMs ?? 100,
      ignored: (file) =>
        path
          .relative(folder, file)
          .split(path.sep)
          .some((s) => IGNORED_FOLDERS.has(s)),
    });
    const state: FolderState = {
      watcher,
      timers: new Map(),
      trailing: new Map(),
      dvcFiles: new Set(),
      artifactFiles: new Set(),
      queue: Promise.resolve(),
    };
    this.#folders.set(folder, state);
    const onFile = (file: string): void => this.#changed(folder, state, file);
    watcher.on('add', onFile).on('change', onFile).on('unlink', onFile);
    watcher.on('error', (error) => this.#options.logger.warn('workspace watcher error', { folder, error }));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.#options.logger.info('watching workspace folder', { folder });
    this.#schedule(folder, state, 'mlruns');
  }

  #changed(folder: string, state: FolderState, file: string): void {
    const relative = path.relative(folder, file);
    if (relative.split(path.sep)[0] === 'mlruns') this.#schedule(folder, state, 'mlruns');
    if (isDvcFile(file)) {
      state.dvcFiles.add(file);
      this.#schedule(folder, state, 'dvc');
    }
    if (isArtifactLike(folder, file)) {
      state.artifactFiles.add(file);
      this.#schedule(folder, state, 'artifacts');
    }
  }

  #schedule(folder: string, state: FolderState, kind: ImportKind): void {
    if (this.#closed) return;
    clearTimeout(state.trailing.get(kind));
    const trailing = setTimeout(() => {
      state.trailing.delete(kind);
      this.#scheduleRun(folder, state, kind);
    }, TRAILING_MS);
    trailing.unref();
    state.trailing.set(kind, trailing);
    this.#scheduleRun(folder, state, kind);
  }

  #scheduleRun(folder: string, state: FolderState, kind: ImportKind): void {
    if (this.#closed || state.timers.has(kind)) return;
    const timer = setTimeout(() => {
      state.timers.delete(kind);
      // A failure (even in an `imported` listener) must not stop the folder's later work.
      state.queue = state.queue
        .then(() => this.#run(folder, state, kind))
        .catch((error: unknown) =>
          this.#options.logger.error('workspace import failed', { folder, kind, error }),
        );
    }, this.#options.debounceMs ?? 200);
    state.timers.set(kind, timer);
  }

  async #run(folder: string, state: FolderState, kind: ImportKind): Promise<void> {
    const { store, logger } = this.#options;
    if (this.#closed) return;
    const task = `${kind} ${folder}`;
    this.#running.add(task);
    try {
      if (kind === 'mlruns') {
        const summary = importMlruns(store, folder, logger, this.#options.changes);
        const linked = linkDvcOutputs(store, currentDvcOutputs(store, folder));
        logger.info('mlruns imported', { folder, ...summary, linked });
      } else if (kind === 'dvc') {
        const files = [...state.dvcFiles];
        state.dvcFiles.clear();
        let linked = 0;
        for (const file of files) linked += importDvcFile(store, folder, file, logger);
        logger.info('DVC outputs imported', { folder, files: files.length, linked });
      } else {
        const files = [...state.artifactFiles];
        state.artifactFiles.clear();
        for (const file of files) await recordArtifactDigest(store, file);
      }
    } catch (error) {
      logger.error('workspace import failed', { folder, kind, error });
    } finally {
      this.#running.delete(task);
    }
    this.emit('imported', { folder, kind });
  }
}
