/**
 * The daemon's change feed: numbered change events kept in a bounded ring for resumption,
 * delivered to live subscribers. Metric points are coalesced per run over a short window, so a
 * training loop that logs every step does not flood the editor.
 */
import type { ChangeEvent, ChangeEventData } from '../../api/contract.ts';

export interface FeedEvent {
  id: string;
  data: ChangeEventData;
}

export interface ChangeFeedOptions {
  /** How many past events a reconnecting client can catch up on. */
  readonly ringSize?: number;
  /** Metric points of one run logged within this window become one event. */
  readonly coalesceMs?: number;
  readonly now?: () => number;
}

export type FeedListener = (event: FeedEvent) => void;

export const DEFAULT_RING_SIZE = 1024;
export const DEFAULT_COALESCE_MS = 250;

interface PendingMetrics {
  keys: Set<string>;
  points: number;
}

export class ChangeFeed {
  readonly #ring: FeedEvent[] = [];
  readonly #ringSize: number;
  readonly #coalesceMs: number;
  readonly #now: () => number;
  /** Ids restart with each daemon; the prefix tells a stale `Last-Event-ID` from a current one. */
  readonly #epoch: string;
  readonly #listeners = new Set<FeedListener>();
  readonly #pendingMetrics = new Map<string, PendingMetrics>();
  #sequence = 0;
  #flushTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: ChangeFeedOptions = {}) {
    this.#ringSize = options.ringSize ?? DEFAULT_RING_SIZE;
    this.#coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
    this.#now = options.now ?? Date.now;
    this.#epoch = this.#now().toString(36);
  }

  publish(change: ChangeEvent): void {
    if (this.#closed) return;
    this.#sequence += 1;
    const event: FeedEvent = {
      id: `${this.#epoch}-${this.#sequence}`,
      data: { ...change, time: this.#now() },
    };
    this.#ring.push(event);
    if (this.#ring.length > this.#ringSize) this.#ring.shift();
    for (const listener of this.#listeners) listener(event);
  }

  /** Records logged metric points; one `metrics_logged` event per run follows within the window. */
  metricsLogged(runId: string, keys: readonly string[], points: number): void {
    if (this.#closed || points === 0) return;
    const pending = this.#pendingMetrics.get(runId) ?? { keys: new Set<string>(), points: 0 };
    for (const key of keys) pending.keys.add(key);
    pending.points += points;
    this.#pendingMetrics.set(runId, pending);
    this.#flushTimer ??= setTimeout(() => this.flushMetrics(), this.#coalesceMs).unref();
  }

  flushMetrics(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const pending = [...this.#pendingMetrics];
    this.#pendingMetrics.clear();
    for (const [runId, { keys, points }] of pending) {
      this.publish({ type: 'metrics_logged', run_id: runId, keys: [...keys].sort(), points });
    }
  }

  /**
   * The events after `lastEventId`, or `undefined` when the ring no longer reaches back that far
   * (or the id is from another daemon): the client must reload and carry on from now.
   */
  since(lastEventId: string | undefined): FeedEvent[] | undefined {
    if (lastEventId === undefined || lastEventId === '') return [];
    const [epoch, sequenceText] = lastEventId.split('-');
    const sequence = Number(sequenceText);
    if (epoch !== this.#epoch || !Number.isSafeInteger(sequence) || sequence > this.#sequence)
      return undefined;
    const oldest = this.#ring[0];
    const oldestSequence = oldest === undefined ? this.#sequence + 1 : Number(oldest.id.split('-')[1]);
    if (sequence < oldestSequence - 1) return undefined;
    return this.#ring.filter((e) => Number(e.id.split('-')[1]) > sequence);
  }

  subscribe(listener: FeedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Publishes what is pending and stops; subscribers are told through `onClose` hooks of their own. */
  close(): void {
    this.flushMetrics();
    this.#closed = true;
    this.#listeners.clear();
  }
}
