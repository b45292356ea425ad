import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { AnalyzeFilesJob, AnalyzeFilesOutcome, ConfigGroup } from './analyze-files.ts';
import { analyzeFiles } from './analyze-files.ts';
import { FactInbox, sendFacts } from './python-fact-exchange.ts';
import { SharedFileQueue } from './shared-file-queue.ts';

/** Below this many files a single thread is faster than starting workers. */
const FILES_PER_WORKER_MIN = 200;
const MAX_WORKERS = 8;

/**
 * Extraction makes much short-lived garbage, and V8 grows the young generation of a busy
 * thread far beyond what survives (the workers' heaps reached about 245 MB with 13 MB live);
 * a small one keeps each worker near 60-80 MB for the same CPU time.
 */
const WORKER_YOUNG_GENERATION_MB = 24;

export const WORKER_MARKER = 'mlops-lens-check-worker';

/** A worker's part in sharing the Python fact extraction. */
export interface WorkerExchange {
  /** Send the facts of the `pythonExtract` files this worker takes from `queue` here first. */
  readonly sendTo?: MessagePort;
  /** Per group, which of its `pythonExtract` files is next (see `SharedFileQueue`). */
  readonly queue?: SharedArrayBuffer;
  /** Pair and report the job's Python files from the facts that arrive on these. */
  readonly collectFrom?: readonly MessagePort[];
}

/** The worker side: sends the Python facts of the files it takes, or collects them, then analyses its files. */
export async function runWorker(
  job: AnalyzeFilesJob,
  exchange: WorkerExchange,
): Promise<AnalyzeFilesOutcome> {
  if (exchange.sendTo && exchange.queue)
    await sendFacts(
      exchange.sendTo,
      new SharedFileQueue(exchange.queue),
      job.groups.map((group) => group.pythonExtract ?? []),
    );
  return analyzeFiles(job, exchange.collectFrom ? new FactInbox(exchange.collectFrom) : undefined);
}

/** One thread per core, up to `MAX_WORKERS`, each with at least `FILES_PER_WORKER_MIN` files. */
function defaultThreads(files: number): number {
  return Math.min(MAX_WORKERS, availableParallelism(), Math.floor(files / FILES_PER_WORKER_MIN));
}

/**
 * Analyses the files on worker threads (the bundle re-enters itself as a worker), sharing the
 * Python extraction through a queue and the other files in interleaved slices, and merges the
 * results in file order.
 */
export async function analyzeInParallel(
  job: AnalyzeFilesJob,
  entry: URL,
  threads = defaultThreads(job.groups.reduce((sum, group) => sum + group.files.length, 0)),
): Promise<AnalyzeFilesOutcome> {
  const files = job.groups.flatMap((group) => group.files);
  if (threads < 2) return analyzeFiles(job);
  // Python files and notebooks pair up across files: one worker pairs and reports them all,
  // from the facts that the others extract, each taking the next file from a shared queue when it
  // is free, so that they all finish together. The collecting worker makes little garbage, so its
  // heap stays near the facts it holds. The others also analyse the other files, a slice each.
  const isPython = (file: string): boolean => /\.(pyi?|ipynb)$/i.test(file);
  const slices = Array.from({ length: threads }, (_, k) =>
    job.groups.map((group) => ({
      ...group,
      files: group.files.filter((file) => !isPython(file)).filter((_, i) => i % threads === k),
      pythonExtract: group.files.filter(isPython),
    })),
  );
  const queue = SharedFileQueue.buffer(job.groups.length);
  const channels = slices.map(() => new MessageChannel());
  const parts: { groups: ConfigGroup[]; exchange: WorkerExchange }[] = [
    {
      groups: job.groups.map((group) => ({
        ...group,
        files: group.files.filter(isPython),
        pythonExtract: [],
      })),
      exchange: { collectFrom: channels.map((channel) => channel.port1) },
    },
    ...channels.map((channel, k) => ({
      groups: slices[k] ?? [],
      exchange: { sendTo: channel.port2, queue },
    })),
  ];
  const outcomes = await Promise.all(
    parts.map(
      ({ groups, exchange }) =>
        new Promise<AnalyzeFilesOutcome>((resolve, reject) => {
          const worker = new Worker(entry, {
            workerData: { marker: WORKER_MARKER, job: { ...job, groups }, exchange },
            transferList: [...(exchange.collectFrom ?? []), ...(exchange.sendTo ? [exchange.sendTo] : [])],
            resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
          });
          worker.once('message', (outcome: AnalyzeFilesOutcome) => resolve(outcome));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
          });
        }),
    ),
  );
  const order = new Map(files.map((file, i) => [file, i]));
  // Ranks are looked up once per file URI, not once per comparison.
  const ranks = new Map<string, number>();
  const rank = (uri: string): number => {
    let value = ranks.get(uri);
    if (value === undefined) {
      value = order.get(fileURLToPath(uri)) ?? 0;
      ranks.set(uri, value);
    }
    return value;
  };
  return {
    findings: outcomes.flatMap((o) => o.findings).sort((a, b) => rank(a.uri) - rank(b.uri)),
    notes: outcomes.flatMap((o) => o.notes).sort((a, b) => rank(a.uri) - rank(b.uri)),
    fixesApplied: outcomes.reduce((sum, o) => sum + o.fixesApplied, 0),
  };
}
