import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalyzeFilesJob, AnalyzeFilesOutcome } from './analyze-files.ts';
import { analyzeFiles } from './analyze-files.ts';

/** Below this many files a single thread is faster than starting workers. */
const FILES_PER_WORKER_MIN = 200;
const MAX_WORKERS = 8;

export const WORKER_MARKER = 'mlops-lens-check-worker';

/**
 * Analyses the files on worker threads (the bundle re-enters itself as a worker), one
 * interleaved slice of every configuration group each, and merges the results in file order.
 */
export async function analyzeInParallel(job: AnalyzeFilesJob, entry: URL): Promise<AnalyzeFilesOutcome> {
  const files = job.groups.flatMap((group) => group.files);
  const threads = Math.min(
    MAX_WORKERS,
    availableParallelism(),
    Math.floor(files.length / FILES_PER_WORKER_MIN),
  );
  if (threads < 2) return analyzeFiles(job);
  // Python files and notebooks pair up across files: they all go to the first thread.
  const isPython = (file: string): boolean => /\.(pyi?|ipynb)$/i.test(file);
  const slices = Array.from({ length: threads }, (_, k) =>
    job.groups.map((group) => {
      const others = group.files.filter((file) => !isPython(file));
      const python = k === 0 ? group.files.filter(isPython) : [];
      return { ...group, files: [...python, ...others.filter((_, i) => i % threads === k)] };
    }),
  );
  const outcomes = await Promise.all(
    slices.map(
      (groups) =>
        new Promise<AnalyzeFilesOutcome>((resolve, reject) => {
          const worker = new Worker(entry, {
            workerData: { marker: WORKER_MARKER, job: { ...job, groups } },
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
