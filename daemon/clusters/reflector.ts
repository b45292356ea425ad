/**
 * Keeps one resource of one cluster in memory: lists it page by page (`limit`/`continue`), then
 * watches from the list's resourceVersion with bookmarks. 410 Gone means list again; a dropped
 * or refused connection means reconnect with jittered, capped backoff; a watch that sends
 * neither an event nor a bookmark within the silence deadline, or sends something that is not a
 * watch event, is abandoned and the resource listed again. It never stops on its own: only
 * `stop()` ends the loop. Its freshness says whether the cache is live, or stale since when and why.
 */
import type { IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import type { ResourceFreshness } from '../api/contract.ts';
import { StringPool, cachedObject } from './cached-object.ts';
import { KubeApiError, asKubeApiError } from './kube-api-error.ts';
import type { KubeRequester } from './kube-connection.ts';
import { objectKey, type KubeList, type KubeObject, type WatchEvent } from './kube-objects.ts';
import { ReconnectBackoff } from './reconnect-backoff.ts';
import { collectionPath, type WatchedResource } from './watched-resources.ts';

export interface ReflectorTiming {
  /** Objects per list page. */
  readonly pageSize: number;
  /** A watch that is silent this long (no event, no bookmark) is abandoned and the resource re-listed. */
  readonly silenceMs: number;
  /** The server ends each watch after this long; the reflector then watches on from where it was. */
  readonly watchTimeoutSeconds: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
}

export const DEFAULT_REFLECTOR_TIMING: ReflectorTiming = {
  pageSize: 500,
  // API servers send a bookmark about once a minute; two missed ones is a silent watch.
  silenceMs: 150_000,
  watchTimeoutSeconds: 600,
  backoffInitialMs: 500,
  backoffMaxMs: 60_000,
};

export type ReflectorChange =
  | { type: 'upsert'; key: string; object: KubeObject; previous: KubeObject | undefined }
  | { type: 'delete'; key: string; object: KubeObject };

export interface ReflectorListener {
  /** Objects that changed (after a list: those that differ from before it). */
  changed(resource: WatchedResource, changes: readonly ReflectorChange[]): void;
  freshness(resource: WatchedResource, freshness: ResourceFreshness): void;
}

export interface ReflectorOptions {
  readonly requester: KubeRequester;
  readonly resource: WatchedResource;
  readonly listener: ReflectorListener;
  readonly timing?: Partial<ReflectorTiming>;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Told of each failure before the reflector backs off (for the daemon log). */
  readonly onFailure?: (error: KubeApiError) => void;
}

export class Reflector {
  readonly resource: WatchedResource;
  readonly objects = new Map<string, KubeObject>();
  readonly #options: ReflectorOptions;
  readonly #timing: ReflectorTiming;
  readonly #now: () => number;
  readonly #backoff: ReconnectBackoff;
  readonly #stopper = new AbortController();
  readonly #strings = new StringPool();
  #freshness: ResourceFreshness;
  #resourceVersion = '';
  #running: Promise<void> | undefined;

  constructor(options: ReflectorOptions) {
    this.#options = options;
    this.resource = options.resource;
    this.#timing = { ...DEFAULT_REFLECTOR_TIMING, ...options.timing };
    this.#now = options.now ?? Date.now;
    this.#backoff = new ReconnectBackoff({
      initialMs: this.#timing.backoffInitialMs,
      maxMs: this.#timing.backoffMaxMs,
      random: options.random,
    });
    this.#freshness = { resource: options.resource.name, state: 'syncing', objects: 0 };
  }

  get freshness(): ResourceFreshness {
    return this.#freshness;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopper.abort();
    await this.#running;
  }

  async #loop(): Promise<void> {
    let mustList = true;
    while (!this.#stopper.signal.aborted) {
      try {
        if (mustList) {
          await this.#list();
          mustList = false;
        }
        const heard = await this.#watch();
        // A watch the server ended at once, with nothing said, is a refusal in disguise: back off.
        if (!heard) await this.#sleep(this.#backoff.next());
      } catch (error) {
        if (this.#stopper.signal.aborted) break;
        const failure = asKubeApiError(error);
        this.#options.onFailure?.(failure);
        if (failure.kind === 'gone') {
          mustList = true;
          continue;
        }
        if (failure.kind === 'silent' || failure.kind === 'malformed') mustList = true;
        this.#setStale(failure);
        await this.#sleep(failure.kind === 'auth' ? this.#timing.backoffMaxMs : this.#backoff.next());
      }
    }
  }

  async #list(): Promise<void> {
    const listed = new Map<string, KubeObject>();
    let continueToken = '';
    let resourceVersion: string;
    do {
      const query = new URLSearchParams({ limit: String(this.#timing.pageSize) });
      if (continueToken) query.set('continue', continueToken);
      const page = await this.#options.requester.json<KubeList>(
        `${collectionPath(this.resource)}?${query.toString()}`,
        this.#stopper.signal,
      );
      if (!Array.isArray(page.items) || typeof page.metadata?.resourceVersion !== 'string') {
        throw new KubeApiError(
          'malformed',
          `the list of ${this.resource.name} has no items or resourceVersion`,
        );
      }
      for (const item of page.items) {
        const key = objectKey(item);
        if (key !== undefined) listed.set(key, cachedObject(this.resource.plural, item, this.#strings));
      }
      resourceVersion = page.metadata.resourceVersion;
      continueToken = page.metadata.continue ?? '';
    } while (continueToken !== '');
    this.#replace(listed);
    this.#resourceVersion = resourceVersion;
    this.#setLive();
  }

  #replace(listed: Map<string, KubeObject>): void {
    const changes: ReflectorChange[] = [];
    for (const [key, object] of this.objects) {
      if (!listed.has(key)) changes.push({ type: 'delete', key, object });
    }
    for (const [key, object] of listed) {
      const previous = this.objects.get(key);
      if (
        previous?.metadata?.resourceVersion !== object.metadata?.resourceVersion ||
        previous === undefined
      ) {
        changes.push({ type: 'upsert', key, object, previous });
      }
    }
    this.objects.clear();
    for (const [key, object] of listed) this.objects.set(key, object);
    if (changes.length > 0) this.#options.listener.changed(this.resource, changes);
  }

  /** Watches until the server ends the stream; true when it sent at least one line. */
  async #watch(): Promise<boolean> {
    const query = new URLSearchParams({
      watch: '1',
      resourceVersion: this.#resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(this.#timing.watchTimeoutSeconds),
    });
    const aborter = new AbortController();
    const stopWatch = (): void => aborter.abort();
    this.#stopper.signal.addEventListener('abort', stopWatch);
    let silentTimer: NodeJS.Timeout | undefined;
    let silent = false;
    const armSilenceDeadline = (): void => {
      clearTimeout(silentTimer);
      silentTimer = setTimeout(() => {
        silent = true;
        aborter.abort();
      }, this.#timing.silenceMs);
    };
    let heard = false;
    armSilenceDeadline();
    try {
      const response = await this.#options.requester.open(
        `${collectionPath(this.resource)}?${query.toString()}`,
        aborter.signal,
      );
      this.#setLive();
      this.#backoff.reset();
      for await (const line of this.#lines(response, aborter.signal)) {
        if (line.trim() === '') continue;
        heard = true;
        armSilenceDeadline();
        this.#apply(this.#parseEvent(line));
      }
      return heard;
    } catch (error) {
      if (silent) {
        throw new KubeApiError(
          'silent',
          `no watch event or bookmark for ${Math.round(this.#timing.silenceMs / 1000)}s`,
        );
      }
      throw error;
    } finally {
      clearTimeout(silentTimer);
      this.#stopper.signal.removeEventListener('abort', stopWatch);
      aborter.abort();
    }
  }

  async *#lines(response: IncomingMessage, signal: AbortSignal): AsyncGenerator<string> {
    const lines = createInterface({ input: response, crlfDelay: Infinity });
    const close = (): void => {
      response.destroy(new Error('watch abandoned'));
    };
    signal.addEventListener('abort', close);
    try {
      for await (const line of lines) yield line;
      // A stream cut short (connection reset) ends the lines without an error; tell it apart.
      if (response.readableAborted || !response.complete)
        throw new KubeApiError('unavailable', 'the watch connection was dropped');
    } finally {
      signal.removeEventListener('abort', close);
      lines.close();
    }
  }

  #parseEvent(line: string): WatchEvent {
    let event: Partial<WatchEvent>;
    try {
      event = JSON.parse(line) as Partial<WatchEvent>;
    } catch {
      throw new KubeApiError(
        'malformed',
        `the watch of ${this.resource.name} sent a line that is not JSON: ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    const types = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'];
    if (
      typeof event !== 'object' ||
      event === null ||
      !types.includes(event.type ?? '') ||
      typeof event.object !== 'object' ||
      event.object === null
    ) {
      throw new KubeApiError(
        'malformed',
        `the watch of ${this.resource.name} sent a line that is not a watch event: ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    return event as WatchEvent;
  }

  #apply(event: WatchEvent): void {
    const object = event.object;
    if (event.type === 'ERROR') {
      const code = typeof object.code === 'number' ? object.code : 0;
      const message = `${code} ${object.message ?? object.reason ?? 'watch error'}`;
      throw new KubeApiError(code === 410 ? 'gone' : 'unavailable', message, code);
    }
    const resourceVersion = object.metadata?.resourceVersion;
    if (typeof resourceVersion === 'string' && resourceVersion !== '')
      this.#resourceVersion = resourceVersion;
    this.#heard();
    if (event.type === 'BOOKMARK') return;
    const key = objectKey(object);
    if (key === undefined) return;
    if (event.type === 'DELETED') {
      const previous = this.objects.get(key);
      this.objects.delete(key);
      if (previous)
        this.#options.listener.changed(this.resource, [{ type: 'delete', key, object: previous }]);
      return;
    }
    const cached = cachedObject(this.resource.plural, object, this.#strings);
    const previous = this.objects.get(key);
    this.objects.set(key, cached);
    this.#options.listener.changed(this.resource, [{ type: 'upsert', key, object: cached, previous }]);
  }

  #heard(): void {
    this.#freshness.last_sync_time = this.#now();
    this.#freshness.objects = this.objects.size;
  }

  #setLive(): void {
    const wasLive = this.#freshness.state === 'live';
    this.#freshness = {
      resource: this.resource.name,
      state: 'live',
      objects: this.objects.size,
      last_sync_time: this.#now(),
    };
    if (!wasLive) this.#options.listener.freshness(this.resource, this.#freshness);
  }

  #setStale(failure: KubeApiError): void {
    const state = failure.kind === 'auth' ? 'error' : 'stale';
    const previous = this.#freshness;
    if (previous.state === state && previous.reason === failure.message) return;
    this.#freshness = {
      resource: this.resource.name,
      state,
      objects: this.objects.size,
      ...(previous.last_sync_time !== undefined ? { last_sync_time: previous.last_sync_time } : {}),
      stale_since:
        previous.state === 'stale' || previous.state === 'error'
          ? (previous.stale_since ?? this.#now())
          : this.#now(),
      reason: failure.message,
    };
    this.#options.listener.freshness(this.resource, this.#freshness);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stopper.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      const signal = this.#stopper.signal;
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}
