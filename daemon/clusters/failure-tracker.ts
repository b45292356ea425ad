/**
 * Turns sightings into failures with evidence: the first sighting of a failure fetches the
 * container's last log lines at once (a restart loses them), finds the workload's manifest in
 * the registered workspaces, records the failure and announces it; later sightings only move
 * `last_seen`. Errors that end in a GPU out-of-memory line become `gpu_oom` failures.
 */
import type {
  ClusterFailure,
  ClusterFailureKind,
  FailureEvidence,
  ManifestLocation,
  WorkloadRef,
} from '../api/contract.ts';
import type { FailureSighting } from './failure-sightings.ts';
import { gpuOomLine } from './failure-sightings.ts';
import { failureId } from './failure-id.ts';
import type { KubeRequester } from './kube-connection.ts';
import { LOG_FETCH_BYTES, MAX_LOG_LINES, logEvidence } from './log-evidence.ts';

/** Where failures are kept (SQLite in the daemon). */
export interface FailureSink {
  known(context: string, id: string): boolean;
  record(failure: ClusterFailure): void;
  seenAgain(context: string, id: string, time: number): void;
}

export interface FailureTrackerOptions {
  readonly context: string;
  readonly requester: KubeRequester;
  readonly sink: FailureSink;
  readonly workloadOf: (namespace: string, pod: string) => WorkloadRef | undefined;
  readonly manifestOf: (workload: WorkloadRef) => ManifestLocation | undefined;
  readonly announce: (failure: ClusterFailure) => void;
  /** Secrets to mask in log lines besides the connection's own tokens. */
  readonly secrets?: readonly string[];
  readonly now?: () => number;
  /** Log fetches in flight at once. */
  readonly concurrency?: number;
  /** Sightings waiting for their logs beyond this many are recorded without them. */
  readonly maxQueued?: number;
}

/** A container's fetched log lines serve other sightings for this long. */
const LOG_REUSE_MS = 10_000;
/** `last_seen` is written at most this often per failure. */
const SEEN_AGAIN_INTERVAL_MS = 60_000;

export class FailureTracker {
  readonly #options: FailureTrackerOptions;
  readonly #now: () => number;
  readonly #pending = new Set<string>();
  readonly #lastWritten = new Map<string, number>();
  readonly #queue: (() => Promise<void>)[] = [];
  readonly #logFetches = new Map<string, Promise<FailureEvidence>>();
  /** Error exits whose logs were read and showed no GPU OOM, by id and restart count. */
  readonly #probed = new Set<string>();
  #active = 0;
  #closed = false;

  constructor(options: FailureTrackerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  saw(sightings: readonly FailureSighting[]): void {
    for (const sighting of sightings) this.#saw(sighting);
  }

  /** Resolves when no log fetch is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#active > 0 || this.#queue.length > 0) await new Promise((r) => setTimeout(r, 10));
  }

  close(): void {
    this.#closed = true;
    this.#queue.length = 0;
  }

  #saw(sighting: FailureSighting): void {
    const { context, sink } = this.#options;
    const kind: ClusterFailureKind = sighting.kind === 'terminated_error' ? 'gpu_oom' : sighting.kind;
    const id = failureId(kind, sighting);
    if (this.#pending.has(id)) return;
    const now = this.#now();
    if (sink.known(context, id)) {
      const last = this.#lastWritten.get(id) ?? 0;
      if (now - last >= SEEN_AGAIN_INTERVAL_MS) {
        this.#lastWritten.set(id, now);
        sink.seenAgain(context, id, now);
      }
      return;
    }
    if (sighting.kind === 'terminated_error') {
      const probe = `${id}:${sighting.evidence.restart_count ?? 0}`;
      if (sighting.logs === undefined || this.#probed.has(probe)) return;
      if (this.#probed.size > 10_000) this.#probed.clear();
      this.#probed.add(probe);
    }
    this.#pending.add(id);
    const work = async (): Promise<void> => {
      try {
        const evidence = { ...sighting.evidence, ...(await this.#logs(sighting)) };
        this.#recordFrom(sighting, kind, id, evidence, now);
      } finally {
        this.#pending.delete(id);
      }
    };
    const { maxQueued = 1000 } = this.#options;
    if (sighting.logs === undefined || this.#queue.length >= maxQueued) {
      if (sighting.kind === 'terminated_error') {
        this.#pending.delete(id);
        return;
      }
      this.#pending.delete(id);
      this.#recordFrom(
        sighting,
        kind,
        id,
        {
          ...sighting.evidence,
          ...(sighting.logs ? { log_error: 'too many failures at once; logs not fetched' } : {}),
        },
        now,
      );
      return;
    }
    this.#queue.push(work);
    this.#drain();
  }

  #drain(): void {
    const { concurrency = 4 } = this.#options;
    while (!this.#closed && this.#active < concurrency && this.#queue.length > 0) {
      const work = this.#queue.shift();
      if (!work) break;
      this.#active += 1;
      void work().finally(() => {
        this.#active -= 1;
        this.#drain();
      });
    }
  }

  /** One fetch serves every sighting of the same container logs (a crash loop after an OOM kill). */
  #logs(sighting: FailureSighting): Promise<FailureEvidence> {
    const target = sighting.logs;
    if (!target || !sighting.pod) return Promise.resolve({});
    const key = `${sighting.namespace}/${sighting.pod}/${target.container}/${target.previous}`;
    let fetched = this.#logFetches.get(key);
    if (fetched === undefined) {
      fetched = this.#fetchLogs(sighting.namespace, sighting.pod, target);
      this.#logFetches.set(key, fetched);
      void fetched.finally(() => setTimeout(() => this.#logFetches.delete(key), LOG_REUSE_MS).unref());
    }
    return fetched;
  }

  async #fetchLogs(
    namespace: string,
    pod: string,
    target: { container: string; previous: boolean },
  ): Promise<FailureEvidence> {
    const query = new URLSearchParams({
      container: target.container,
      tailLines: String(MAX_LOG_LINES),
      limitBytes: String(LOG_FETCH_BYTES),
    });
    if (target.previous) query.set('previous', 'true');
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${query.toString()}`;
    const { requester, secrets = [] } = this.#options;
    try {
      const text = await requester.text(path);
      return {
        log_lines: logEvidence(text, [...secrets, ...requester.secrets()]),
        log_previous: target.previous,
      };
    } catch (error) {
      return {
        log_error: error instanceof Error ? error.message : String(error),
        log_previous: target.previous,
      };
    }
  }

  #recordFrom(
    sighting: FailureSighting,
    kind: ClusterFailureKind,
    id: string,
    evidence: FailureEvidence,
    now: number,
  ): void {
    if (this.#closed) return;
    let message = sighting.message;
    if (sighting.kind === 'terminated_error') {
      const oom = gpuOomLine(evidence.log_lines ?? []);
      if (oom === undefined) return;
      message = `container ${sighting.container ?? ''} ran out of GPU memory: ${oom.trim().slice(0, 200)}`;
    }
    const { context, sink, workloadOf, manifestOf, announce } = this.#options;
    const workload = sighting.pod ? workloadOf(sighting.namespace, sighting.pod) : undefined;
    const manifest = workload ? manifestOf(workload) : undefined;
    const failure: ClusterFailure = {
      id,
      context,
      kind,
      namespace: sighting.namespace,
      ...(sighting.pod ? { pod: sighting.pod } : {}),
      ...(sighting.container ? { container: sighting.container } : {}),
      ...(sighting.node ? { node: sighting.node } : {}),
      ...(workload ? { workload } : {}),
      ...(manifest ? { manifest } : {}),
      message,
      first_seen: now,
      last_seen: now,
      evidence,
    };
    this.#lastWritten.set(id, now);
    sink.record(failure);
    announce(failure);
  }
}
