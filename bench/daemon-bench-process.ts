/**
 * A real `mlops-lens daemon` process on a temp data directory for the daemon benchmarks, with a
 * keep-alive HTTP client that sends pre-encoded bodies (so the client costs little next to the
 * daemon), the process's resident memory from /proc, and percentiles.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MLFLOW_API_PREFIX } from '../daemon/api/contract.ts';
import { startDaemonProcess, type SpawnedDaemon } from '../test/daemon/daemon-process.ts';

export interface BenchDaemon {
  readonly dataDir: string;
  readonly pid: number;
  /** POSTs a JSON body (already encoded) to an MLflow endpoint; rejects unless 200. */
  post(endpoint: string, body: string): Promise<string>;
  /** GETs an MLflow endpoint with a query string; rejects unless 200. */
  get(endpoint: string, query: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

export function benchDataDir(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `mlops-lens-bench-${name}-`));
}

export async function startBenchDaemon(dataDir: string): Promise<BenchDaemon> {
  const daemon: SpawnedDaemon = await startDaemonProcess(dataDir);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const headers = { host: `127.0.0.1:${daemon.port}`, authorization: `Bearer ${daemon.token}` };
  const send = (method: string, urlPath: string, body?: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: daemon.port,
          method,
          path: urlPath,
          agent,
          setHost: false,
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 200) resolve(text);
            else reject(new Error(`${method} ${urlPath}: HTTP ${res.statusCode ?? 0} ${text.slice(0, 300)}`));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    dataDir,
    pid: daemon.child.pid ?? 0,
    post: (endpoint, body) => send('POST', `${MLFLOW_API_PREFIX}/${endpoint}`, body),
    get: (endpoint, query) =>
      send('GET', `${MLFLOW_API_PREFIX}/${endpoint}?${new URLSearchParams(query).toString()}`),
    stop: async () => {
      agent.destroy();
      daemon.child.kill('SIGTERM');
      await daemon.exited;
    },
  };
}

export function removeBenchDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/** Resident set size (`VmRSS`) and its peak (`VmHWM`) of a process, in MiB. */
export function residentMemory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** CPU time (user + system) a process has used, in seconds (Linux USER_HZ is 100). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** `p50 x ms, p95 y ms` of timed samples. */
export function latencySummary(samples: number[]): { p50: number; p95: number; text: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  const p95 = percentile(sorted, 0.95);
  return { p50, p95, text: `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms` };
}
