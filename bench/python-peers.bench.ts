/**
 * Peers on the same generated corpus: Ruff (its WebAssembly build, in process) and Debian's
 * pylint. Both lint files one at a time; neither pairs training with serving, so the figures
 * compare raw per-line throughput, not the same work.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { PythonCorpus } from './python-corpus.ts';
import type { BenchRow } from './table.ts';

const require = createRequire(import.meta.url);

/** Ruff's default rule selection, as its README shows it. */
const RUFF_SELECT = ['E4', 'E7', 'E9', 'F'];
/** A fixed set of pylint checks close to Ruff's (errors, unused names, undefined names). */
const PYLINT_CHECKS = 'E,unused-import,unused-variable,undefined-variable,redefined-outer-name,unreachable';
/** pylint runs on this share of the Python files (it would take far past the bench budget on all). */
const PYLINT_SHARE = 0.04;

interface RuffWorkspace {
  check(contents: string): unknown[];
}
interface RuffModule {
  Workspace: new (options: unknown, encoding: number) => RuffWorkspace;
  PositionEncoding: { Utf16: number };
}

const lineCount = (text: string) => (text.length === 0 ? 0 : text.split('\n').length);

function benchRuff(files: readonly string[], ourLinesPerSecond: number): BenchRow {
  let ruff: RuffModule;
  try {
    ruff = require('@astral-sh/ruff-wasm-nodejs') as RuffModule;
  } catch {
    return { area: 'python', measure: 'Ruff wasm (peer)', value: 'not installed', target: '–' };
  }
  const workspace = new ruff.Workspace({ lint: { select: RUFF_SELECT } }, ruff.PositionEncoding.Utf16);
  let lines = 0;
  let diagnostics = 0;
  const start = performance.now();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    lines += lineCount(text);
    diagnostics += workspace.check(text).length;
  }
  const seconds = (performance.now() - start) / 1000;
  const rate = lines / seconds;
  return {
    area: 'python',
    measure: `Ruff ${RUFF_SELECT.join(',')} (peer, wasm, 1 thread), all ${files.length} .py files (${lines} lines)`,
    value: `${seconds.toFixed(2)} s (${Math.round(rate / 1000)}k lines/s)`,
    target: 'reported',
    note: `${diagnostics} diagnostics; per-file lint, no cross-file work; ours ${(ourLinesPerSecond / rate).toFixed(2)}× its lines/s`,
  };
}

function benchPylint(files: readonly string[], ourLinesPerSecond: number): BenchRow {
  const version = spawnSync('pylint', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) {
    return {
      area: 'python',
      measure: 'pylint (peer)',
      value: 'not installed',
      target: '–',
      note: 'apt-get install -y pylint',
    };
  }
  const step = Math.round(1 / PYLINT_SHARE);
  const subset = files.filter((_, i) => i % step === 0);
  const lines = subset.reduce((sum, file) => sum + lineCount(readFileSync(file, 'utf8')), 0);
  const jobs = availableParallelism();
  const start = performance.now();
  const result = spawnSync(
    'pylint',
    [
      `-j${jobs}`,
      '--disable=all',
      `--enable=${PYLINT_CHECKS}`,
      '--score=n',
      '--output-format=parseable',
      ...subset,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const seconds = (performance.now() - start) / 1000;
  // pylint's exit status is a bit mask of message kinds found; 1 (fatal) or 32 (usage) is a failure.
  if (result.status === null || (result.status & 33) !== 0) {
    throw new Error(`pylint failed (${result.status}): ${result.stderr.slice(0, 500)}`);
  }
  const messages = result.stdout.split('\n').filter((l) => /:\d+: \[/.test(l)).length;
  const rate = lines / seconds;
  return {
    area: 'python',
    measure: `${version.stdout.split('\n')[0]} (peer, -j${jobs}), every ${step}th .py file: ${subset.length} files (${lines} lines)`,
    value: `${seconds.toFixed(2)} s (${Math.round(rate)} lines/s)`,
    target: 'reported',
    note: `${messages} messages from ${PYLINT_CHECKS}; per-file lint with inference, no pairing; ours ${(ourLinesPerSecond / rate).toFixed(1)}× its lines/s`,
  };
}

export function benchPythonPeers(corpus: PythonCorpus, ourLinesPerSecond: number): BenchRow[] {
  const pythonFiles = corpus.files.filter((file) => file.endsWith('.py'));
  return [benchRuff(pythonFiles, ourLinesPerSecond), benchPylint(pythonFiles, ourLinesPerSecond)];
}
