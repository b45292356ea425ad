/**
 * A small pool of worker threads that compare numerical features off the daemon's main thread,
 * so a report over millions of values leaves the daemon answering other requests. Workers start
 * on first use (one per available core), take an equal share of a report's values, and are
 * terminated by `close()` (the daemon app's close, part of its graceful shutdown). Columns move
 * to the worker (their buffers are transferred, never copied).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FeatureDrift } from '../../api/contract.ts';
import { TrackingError } from '../../store/tracking-error.ts';
import type { NumericFeatureTask, WorkerReply, WorkerRequest } from './numeric-feature-task.ts';

/** The worker's entry: the TypeScript source beside this file, or `drift-worker.js` beside the bundle. */
function workerEntry(): URL {
  const source = new URL('./drift-worker.ts', import.meta.url);
  return existsSync(source) ? source : new URL('./drift-worker.js', import.meta.url);
}

interface Pending {
  resolve(results: FeatureDrift[]): void;
  reject(error: Error): void;
}

export class DriftWorkerPool {
  readonly size: number;
  #workers: Worker[] | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(size = availableParallelism()) {
    this.size = Math.max(1, size);
  }

  /** Compares every task in the workers; results in the tasks' order. Columns are moved away. */
  async compare(tasks: readonly NumericFeatureTask[]): Promise<FeatureDrift[]> {
    if (tasks.length === 0) return [];
    const workers = this.#start();
    const shares = splitByValues(tasks, workers.length);
    const answers = await Promise.all(
      shares.map((share, w) =>
        share.length === 0 ? Promise.resolve([]) : this.#send(workers[w] as Worker, share),
      ),
    );
    const results = new Map<NumericFeatureTask, FeatureDrift>();
    shares.forEach((share, w) =>
      share.forEach((task, i) => results.set(task, answers[w]?.[i] as FeatureDrift)),
    );
    return tasks.map((task) => results.get(task) as FeatureDrift);
  }

  /** Terminates the workers; comparisons still running are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    const workers = this.#workers ?? [];
    this.#workers = undefined;
    this.#failAll(new Error('The drift workers were stopped.'));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #start(): Worker[] {
    if (this.#closed) throw new Error('The drift workers are stopped.');
    if (this.#workers !== undefined) return this.#workers;
    const entry = workerEntry();
    const workers = Array.from({ length: this.size }, () => {
      const worker = new Worker(entry);
      // An idle pool never keeps the daemon's process alive.
      worker.unref();
      worker.on('message', (reply: WorkerReply) => this.#settle(reply));
      worker.on('error', (error: Error) => this.#lose(worker, error));
      worker.on('exit', (code) => this.#lose(worker, new Error(`A drift worker exited with code ${code}.`)));
      return worker;
    });
    this.#workers = workers;
    return workers;
  }

  #send(worker: Worker, tasks: NumericFeatureTask[]): Promise<FeatureDrift[]> {
    const id = this.#nextId;
    this.#nextId += 1;
    const request: WorkerRequest = { id, tasks };
    return new Promise<FeatureDrift[]>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const moved = new Set<ArrayBuffer>();
      for (const { current } of tasks) if (current.buffer instanceof ArrayBuffer) moved.add(current.buffer);
      worker.postMessage(request, [...moved]);
    });
  }

  #settle(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if ('results' in reply) pending.resolve(reply.results);
    else
      pending.reject(
        reply.error.code === undefined
          ? new Error(reply.error.message)
          : new TrackingError(reply.error.code, reply.error.message),
      );
  }

  /** A worker died: every comparison in flight fails, and the next one starts fresh workers. */
  #lose(worker: Worker, error: Error): void {
    if (this.#closed || this.#workers?.includes(worker) !== true) return;
    const workers = this.#workers;
    this.#workers = undefined;
    for (const worker of workers) void worker.terminate();
    this.#failAll(error);
  }

  #failAll(error: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const waiting of pending) waiting.reject(error);
  }
}

/** Splits tasks into `parts` shares of about equal value counts, keeping each share in order. */
function splitByValues(tasks: readonly NumericFeatureTask[], parts: number): NumericFeatureTask[][] {
  const shares: NumericFeatureTask[][] = Array.from({ length: parts }, () => []);
  const loads = new Float64Array(parts);
  const largestFirst = [...tasks].sort((a, b) => b.current.length - a.current.length);
  for (const task of largestFirst) {
    let lightest = 0;
    for (let w = 1; w < parts; w += 1) if ((loads[w] as number) < (loads[lightest] as number)) lightest = w;
    shares[lightest]?.push(task);
    loads[lightest] = (loads[lightest] as number) + task.current.length;
  }
  return shares;
}
