/**
 * Reads an MLflow file store (`mlruns/`) as MLflow's FileStore writes it:
 * `<experiment id>/meta.yaml`, `<experiment id>/<run id>/meta.yaml`, and per run `params/<key>`,
 * `tags/<key>` (one value per file) and `metrics/<key>` (lines `timestamp value [step]`). Keys
 * with `/` are nested folders. Nothing here writes; a file that cannot be understood becomes a
 * `problem` for the caller to log, never an exception.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { KeyValue, RunStatus } from '../api/contract.ts';
import type { MetricPoint } from '../store/run-logging.ts';

export interface FileStoreExperiment {
  dir: string;
  name: string;
  artifactLocation: string;
}

export interface FileStoreRun {
  dir: string;
  runId: string;
  runName: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: 'active' | 'deleted';
}

export interface MetricLines {
  points: MetricPoint[];
  /** Where the next read starts: just past the last complete line. */
  nextOffset: number;
  malformed: string[];
}

export type ProblemSink = (file: string, reason: string) => void;

/** MLflow's RunStatus enum as the file store writes it (an int), or its name. */
const RUN_STATUSES: Record<string, RunStatus> = {
  '1': 'RUNNING',
  '2': 'SCHEDULED',
  '3': 'FINISHED',
  '4': 'FAILED',
  '5': 'KILLED',
};

function readMeta(file: string, problem: ProblemSink): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = parseYaml(readFileSync(file, 'utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    problem(file, 'meta.yaml is not a mapping');
  } catch (error) {
    problem(file, `unreadable meta.yaml: ${error instanceof Error ? error.message : String(error)}`);
  }
  return undefined;
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** Experiments are the numbered folders with a readable meta.yaml (`.trash` and `models` are not). */
export function readExperiments(mlrunsDir: string, problem: ProblemSink): FileStoreExperiment[] {
  const experiments: FileStoreExperiment[] = [];
  for (const name of subfolders(mlrunsDir)) {
    if (!/^\d+$/.test(name)) continue;
    const dir = path.join(mlrunsDir, name);
    const meta = readMeta(path.join(dir, 'meta.yaml'), problem);
    if (meta === undefined) continue;
    if (typeof meta.name !== 'string' || meta.name.trim() === '') {
      problem(path.join(dir, 'meta.yaml'), 'experiment meta.yaml has no name');
      continue;
    }
    const location = typeof meta.artifact_location === 'string' ? meta.artifact_location : `file://${dir}`;
    experiments.push({ dir, name: meta.name, artifactLocation: location });
  }
  return experiments;
}

function integer(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

export function readRuns(experimentDir: string, problem: ProblemSink): FileStoreRun[] {
  const runs: FileStoreRun[] = [];
  for (const name of subfolders(experimentDir)) {
    const dir = path.join(experimentDir, name);
    const metaFile = path.join(dir, 'meta.yaml');
    try {
      statSync(metaFile);
    } catch {
      continue;
    }
    const meta = readMeta(metaFile, problem);
    if (meta === undefined) continue;
    const runId = meta.run_id ?? meta.run_uuid;
    const status =
      RUN_STATUSES[String(meta.status)] ??
      (Object.values(RUN_STATUSES) as unknown[]).find((s) => s === meta.status);
    const startTime = integer(meta.start_time);
    if (typeof runId !== 'string' || !/^[0-9a-zA-Z_-]{1,64}$/.test(runId) || runId !== name) {
      problem(metaFile, 'run meta.yaml has no run_id matching its folder');
      continue;
    }
    if (status === undefined || startTime === undefined) {
      problem(metaFile, 'run meta.yaml has no valid status or start_time');
      continue;
    }
    const endTime = integer(meta.end_time) ?? null;
    runs.push({
      dir,
      runId,
      runName: typeof meta.run_name === 'string' ? meta.run_name : '',
      userId: typeof meta.user_id === 'string' ? meta.user_id : '',
      status: status as RunStatus,
      startTime,
      endTime,
      artifactUri: typeof meta.artifact_uri === 'string' ? meta.artifact_uri : `file://${dir}/artifacts`,
      lifecycleStage: meta.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
    });
  }
  return runs;
}

/** Every file under `dir` as `[key, absolute path]`, the key being its `/`-joined relative path. */
export function keyFiles(dir: string): [string, string][] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry): [string, string] => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file).split(path.sep).join('/'), file];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `params/` or `tags/`: one value per file, read whole. */
export function readValues(dir: string, problem: ProblemSink): KeyValue[] {
  const values: KeyValue[] = [];
  for (const [key, file] of keyFiles(dir)) {
    try {
      values.push({ key, value: readFileSync(file, 'utf8') });
    } catch (error) {
      problem(file, `unreadable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return values;
}

function metricValue(text: string): number | undefined {
  if (/^nan$/i.test(text)) return NaN;
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  const value = Number(text);
  return text !== '' && Number.isFinite(value) ? value : undefined;
}

/** The complete lines of a metric file from `offset` on; a partial last line waits for the next read. */
export function readMetricLines(file: string, key: string, offset: number): MetricLines {
  const size = statSync(file).size;
  // A file that shrank was rewritten: read it again from the start (points already stored stay once).
  const start = size < offset ? 0 : offset;
  const buffer = Buffer.alloc(size - start);
  const fd = openSync(file, 'r');
  try {
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  const lastNewline = buffer.lastIndexOf(0x0a);
  const complete = lastNewline < 0 ? '' : buffer.subarray(0, lastNewline + 1).toString('utf8');
  const points: MetricPoint[] = [];
  const malformed: string[] = [];
  for (const line of complete.split('\n')) {
    if (line.trim() === '') continue;
    const [timestampText, valueText, stepText, ...rest] = line.trim().split(/\s+/);
    const timestamp = integer(timestampText);
    const value = metricValue(valueText ?? '');
    const step = stepText === undefined ? 0 : integer(stepText);
    if (timestamp === undefined || value === undefined || step === undefined || rest.length > 0) {
      malformed.push(line);
      continue;
    }
    points.push({ key, timestamp, value, step });
  }
  return { points, nextOffset: start + (lastNewline + 1), malformed };
}
