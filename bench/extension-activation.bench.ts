/**
 * Extension activation time: the release build of dist/extension.cjs loaded in plain Node with a stub of the
 * `vscode` module (see vscode-module-stub.ts), each sample a cold start in a fresh process.
 * VS Code's extension host does both steps on activation: loading the bundle and `activate()`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { onReleaseBuild } from './release-build.ts';
import type { BenchRow } from './table.ts';

interface ProbeResult {
  readonly requireMs: number;
  readonly activateMs: number;
  readonly vscodeCalls: number;
  readonly errors: readonly string[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Activation launches a daemon when it finds none (detached, so it outlives the probe). Waits for
 * its discovery file and stops it. Returns whether one was launched.
 */
function stopLaunchedDaemon(dataDir: string): boolean {
  if (!existsSync(path.join(dataDir, 'daemon.out.log'))) return false;
  const discovery = path.join(dataDir, 'daemon.json');
  for (let waited = 0; waited < 20_000 && !existsSync(discovery); waited += 100) sleepSync(100);
  if (!existsSync(discovery))
    throw new Error(`the daemon launched at activation never became ready in ${dataDir}`);
  const { pid } = JSON.parse(readFileSync(discovery, 'utf8')) as { pid: number };
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && isRunning(pid); waited += 100) sleepSync(100);
  return true;
}

function probe(dataDir: string): ProbeResult {
  const result = spawnSync(
    process.execPath,
    [path.join(import.meta.dirname, 'extension-activation-probe.ts')],
    {
      encoding: 'utf8',
      env: { ...process.env, MLOPS_LENS_DATA_DIR: dataDir },
    },
  );
  if (result.status !== 0) throw new Error(`activation probe failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as ProbeResult;
}

/** A first start: an empty data directory, so activation finds no daemon and launches one. */
function firstStart(): ProbeResult & { readonly launched: boolean } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-activation-'));
  try {
    const result = probe(dataDir);
    return { ...result, launched: stopLaunchedDaemon(dataDir) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function benchExtensionActivation(samples = 7): BenchRow[] {
  // VS Code loads the release build (minified), as packaged in the .vsix.
  const results = onReleaseBuild(() => Array.from({ length: samples }, firstStart));
  const total = median(results.map((r) => r.requireMs + r.activateMs));
  const activate = median(results.map((r) => r.activateMs));
  const errors = [...new Set(results.flatMap((r) => r.errors))];
  const host = `${availableParallelism()} CPUs, load ${(loadavg()[0] ?? 0).toFixed(1)}`;
  return [
    {
      area: 'extension',
      measure: `activation: load the release dist/extension.cjs + activate(), cold, median of ${samples} processes`,
      value: `${total.toFixed(1)} ms (activate() alone ${activate.toFixed(1)} ms)`,
      target: '≤ 50 ms',
      note:
        `Node with a vscode module stub and the Node modules the extension host has loaded (fs, path, os, crypto, net, util, url, buffer); ${results[0]?.vscodeCalls ?? 0} vscode calls; ` +
        (results.some((r) => r.launched) ? 'launches the daemon (stopped after each sample); ' : '') +
        host +
        (errors.length > 0 ? `; background errors: ${errors.join('; ')}` : ''),
    },
  ];
}
