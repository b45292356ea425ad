/**
 * Stopping the daemon's serving side within a deadline: event streams end, no connection is
 * accepted, requests in flight are answered (their connections close once done), and watchers
 * close after their running import. Past the deadline it logs what was still open and drops it,
 * so the store can still be closed and the process can exit.
 */
import type { FastifyInstance } from 'fastify';
import type { ConnectionDrain } from '../http/connection-drain.ts';
import type { WorkspaceWatcher } from '../importers/workspace-watcher.ts';
import type { Logger } from '../log/logger.ts';

export interface ServingParts {
  readonly app: FastifyInstance;
  readonly drain: ConnectionDrain;
  readonly importers: WorkspaceWatcher;
  readonly logger: Logger;
  readonly deadlineMs: number;
}

/** How long dropped work may take to unwind after the deadline before the store is closed. */
const UNWIND_MS = 1000;

function delay(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

/** The kinds of handles keeping the event loop alive, counted (`TCPSocketWrap: 2`). */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

export interface ServingStopped {
  /** The deadline passed and open work was dropped. */
  readonly forced: boolean;
  /** Closing the server or the watchers failed (logged). */
  readonly failed: boolean;
}

/** Resolves (never rejects) once nothing is served or imported any more. */
export async function stopServing(parts: ServingParts): Promise<ServingStopped> {
  const { app, drain, importers, logger, deadlineMs } = parts;
  drain.beginClosing();
  // app.close(): its preClose hooks end the event streams, then the server stops accepting and
  // waits for the requests in flight.
  let failed = false;
  const stopped = Promise.all([app.close(), importers.close()]).catch((error: unknown) => {
    failed = true;
    logger.error('shutdown step failed', { error });
  });
  if ((await Promise.race([stopped, delay(deadlineMs)])) !== 'timeout') return { forced: false, failed };
  logger.warn('shutdown deadline passed; dropping what is still open', {
    deadlineMs,
    requests: drain.inFlight(),
    imports: importers.running(),
    resources: activeResources(),
  });
  drain.forceClose();
  if ((await Promise.race([stopped, delay(UNWIND_MS)])) === 'timeout')
    logger.warn('still open after dropping connections', {
      requests: drain.inFlight(),
      imports: importers.running(),
    });
  return { forced: true, failed };
}

/** After a clean stop the loop should drain by itself; a stray handle does not keep it alive. */
const EXIT_GRACE_MS = 2000;

/** Exits with `code` if something the shutdown did not close still holds the process. */
export function exitIfStillHeld(code: number, report: (line: string) => void): void {
  setTimeout(() => {
    report(`stopped, but still held open by ${JSON.stringify(activeResources())}; exiting.`);
    process.exit(code);
  }, EXIT_GRACE_MS).unref();
}
