/**
 * Follows the daemon's Server-Sent Events (`/events`) and reports each change, so the views
 * update live. Reconnects with backoff, resuming from the last event id; on `resync` (the
 * daemon restarted or the client fell too far behind) listeners refresh everything.
 */
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ChangeEventData } from '../../daemon/api/contract.ts';

export interface StreamTarget {
  readonly url: string;
  readonly token: string;
}

/** Splits an SSE byte stream into events; returns the unparsed rest. */
export function parseSseChunk(buffer: string): {
  events: Array<{ id?: string; event?: string; data: string }>;
  rest: string;
} {
  const events: Array<{ id?: string; event?: string; data: string }> = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: string | undefined;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0)
      events.push({
        ...(id !== undefined ? { id } : {}),
        ...(event !== undefined ? { event } : {}),
        data: data.join('\n'),
      });
  }
  return { events, rest };
}

export class ChangeStream {
  private lastId: string | undefined;
  private abort: AbortController | undefined;
  private stopped = false;
  private readonly onChange: (event: ChangeEventData | { type: 'resync' }) => void;

  constructor(onChange: (event: ChangeEventData | { type: 'resync' }) => void) {
    this.onChange = onChange;
  }

  /** Follows the stream of `target` until `stop`, reconnecting after errors. */
  follow(target: () => StreamTarget | undefined): void {
    this.stopped = false;
    void this.loop(target);
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
  }

  private async loop(target: () => StreamTarget | undefined): Promise<void> {
    let delay = 500;
    while (!this.stopped) {
      const current = target();
      if (!current) {
        // Not connected yet: look again soon, without backing off.
        delay = 500;
      } else {
        try {
          await this.readOnce(current);
          delay = 500;
        } catch {
          // Connection refused or dropped: try again below, a little later each time.
        }
      }
      if (this.stopped) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  private async readOnce(target: StreamTarget): Promise<void> {
    this.abort = new AbortController();
    const response = await fetch(new URL(`${NATIVE_API_PREFIX}/events`, target.url), {
      headers: {
        authorization: `Bearer ${target.token}`,
        accept: 'text/event-stream',
        ...(this.lastId ? { 'last-event-id': this.lastId } : {}),
      },
      signal: this.abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    // Whatever changed while no stream was open is not replayed without an id: catch up once.
    if (!this.lastId) this.onChange({ type: 'resync' });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      const { events, rest } = parseSseChunk(buffer);
      buffer = rest;
      for (const event of events) {
        if (event.id) this.lastId = event.id;
        if (event.event === 'resync') {
          this.onChange({ type: 'resync' });
          continue;
        }
        try {
          this.onChange(JSON.parse(event.data) as ChangeEventData);
        } catch {
          // A malformed event is skipped; the next refresh catches up.
        }
      }
    }
  }
}
