/**
 * Cold `mlops-lens check` of the generated Python corpus through the built CLI: wall time, and
 * the child's CPU time (user + system, all threads) and peak resident set size as GNU time
 * (`/usr/bin/time -v`) reports them. CPU time says more than wall time on a busy host.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import type { PythonCorpus } from './python-corpus.ts';
import type { BenchRow } from './table.ts';

const root = path.resolve(import.meta.dirname, '..');
const GNU_TIME = '/usr/bin/time';

export interface ColdCheck {
  readonly rows: BenchRow[];
  readonly linesPerSecond: number;
}

export function benchPythonCold(dir: string, corpus: PythonCorpus): ColdCheck {
  const check = [
    path.join(root, 'bin/mlops-lens.js'),
    'check',
    dir,
    '--format',
    'json',
    '--fail-on',
    'never',
  ];
  const timed = existsSync(GNU_TIME);
  const loadBefore = loadavg()[0] ?? 0;
  const start = performance.now();
  const result = timed
    ? spawnSync(GNU_TIME, ['-v', process.execPath, ...check], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, check, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`check failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const report = JSON.parse(result.stdout) as { files: number; findings: { ruleId: string }[] };
  const peakKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1];
  const timeOf = (label: string): number =>
    Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? NaN);
  const cpu = timeOf('User') + timeOf('System');
  const host = `${availableParallelism()} CPUs, load ${loadBefore.toFixed(1)} before`;
  const linesPerSecond = corpus.lines / seconds;
  const size = `${corpus.files.length} files, ${corpus.lines} lines, ${(corpus.bytes / 1048576).toFixed(0)} MB`;
  return {
    linesPerSecond,
    rows: [
      {
        area: 'python',
        measure: `cold check, generated project (${size})`,
        value: `${seconds.toFixed(1)} s (${Math.round(linesPerSecond / 1000)}k lines/s)`,
        target: '≤ 20 s',
        note: `${report.findings.length} findings in ${report.files} files; pairs through artifact paths`,
      },
      {
        area: 'python',
        measure: 'cold check, CPU time of the CLI process (all threads)',
        value: Number.isFinite(cpu) ? `${cpu.toFixed(1)} s` : 'not measured',
        target: '',
        note: Number.isFinite(cpu) ? `GNU time -v, user + system; ${host}` : `${GNU_TIME} is missing`,
      },
      {
        area: 'python',
        measure: 'cold check, peak RSS of the CLI process',
        value: peakKb ? `${Math.round(Number(peakKb) / 1024)} MB` : 'not measured',
        target: '≤ 600 MB',
        note: peakKb ? 'GNU time -v, maximum resident set size' : `${GNU_TIME} is missing`,
      },
    ],
  };
}
