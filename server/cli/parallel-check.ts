import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { AnalyzeFilesJob, AnalyzeFilesOutcome } from './analyze-files.ts';
import { analyzeFiles } from './analyze-files.ts';
import { FactInbox, sendFacts } from './python-fact-exchange.ts';

/** Below this many files a single thread is faster than starting workers. */
const FILES_PER_WORKER_MIN = 200;
const MAX_WORKERS = 8;

export const WORKER_MARKER = 'mlops-lens-check-worker';

/** A worker's part in sharing Python fact extraction: it collects from the others, or sends. */
export type WorkerExchange =
  { readonly collectFrom: readonly MessagePort[] } | { readonly sendTo: MessagePort } | Record<string, never>;

/** The worker side: extracts and sends its share first, or collects, then analyses its files. */
export async function runWorker(
  job: AnalyzeFilesJob,
  exchange: WorkerExchange,
): Promise<AnalyzeFilesOutcome> {
  if ('sendTo' in exchange) {
    await sendFacts(
      exchange.sendTo,
      job.groups.map((group) => group.pythonExtract ?? []),
    );
    return analyzeFiles(job);
  }
  return analyzeFiles(job, 'collectFrom' in exchange ? new FactInbox(exchange.collectFrom) : undefined);
}

/** One thread per core, up to `MAX_WORKERS`, each with at least `FILES_PER_WORKER_MIN` files. */
function defaultThreads(files: number): number {
  return Math.min(MAX_WORKERS, availableParallelism(), Math.floor(files / FILES_PER_WORKER_MIN));
}

/**
 * Analyses the files on worker threads (the bundle re-enters itself as a worker), one
 * interleaved slice of every configuration group each, and merges the results in file order.
 */
export async function analyzeInParallel(
  job: AnalyzeFilesJob,
  entry: URL,
  threads = defaultThreads(job.groups.reduce((sum, group) => sum + group.files.length, 0)),
): Promise<AnalyzeFilesOutcome> {
  const files = job.groups.flatMap((group) => group.files);
  if (threads < 2) return analyzeFiles(job);
  // Python files and notebooks pair up across files: the first thread pairs and reports them
  // all, and every thread extracts the facts of an interleaved share of them for it.
  const isPython = (file: string): boolean => /\.(pyi?|ipynb)$/i.test(file);
  const slices = Array.from({ length: threads }, (_, k) =>
    job.groups.map((group) => {
      const python = group.files.filter(isPython);
      const others = group.files.filter((file) => !isPython(file));
      return {
        ...group,
        files: [...(k === 0 ? python : []), ...others.filter((_, i) => i % threads === k)],
        pythonExtract: python.filter((_, i) => i % threads === k),
      };
    }),
  );
  const channels = slices.slice(1).map(() => new MessageChannel());
  const exchanges: WorkerExchange[] = [
    { collectFrom: channels.map((channel) => channel.port1) },
    ...channels.map((channel) => ({ sendTo: channel.port2 })),
  ];
  const outcomes = await Promise.all(
    slices.map(
      (groups, k) =>
        new Promise<AnalyzeFilesOutcome>((resolve, reject) => {
          const exchange = exchanges[k] ?? {};
          const worker = new Worker(entry, {
            workerData: { marker: WORKER_MARKER, job: { ...job, groups }, exchange },
            transferList: 'sendTo' in exchange ? [exchange.sendTo] : [...(exchange.collectFrom ?? [])],
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
