/**
 * Extension activation time: the built dist/extension.cjs loaded in plain Node with a stub of the
 * `vscode` module (see vscode-module-stub.ts), each sample a cold start in a fresh process.
 * VS Code's extension host does both steps on activation: loading the bundle and `activate()`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

export function benchExtensionActivation(samples = 7): BenchRow[] {
  // An empty data directory: no daemon is found, as on a first start.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-activation-'));
  try {
    const results = Array.from({ length: samples }, () => probe(dataDir));
    const total = median(results.map((r) => r.requireMs + r.activateMs));
    const activate = median(results.map((r) => r.activateMs));
    const errors = [...new Set(results.flatMap((r) => r.errors))];
    return [
      {
        area: 'extension',
        measure: `activation: load dist/extension.cjs + activate(), cold, median of ${samples} processes`,
        value: `${total.toFixed(1)} ms (activate() alone ${activate.toFixed(1)} ms)`,
        target: '≤ 50 ms',
        note:
          `Node with a vscode module stub; ${results[0]?.vscodeCalls ?? 0} vscode calls` +
          (errors.length > 0 ? `; background errors: ${errors.join('; ')}` : ''),
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
