/**
 * Runs scipy (Debian's python3-scipy) on the same generated data as a test, so each statistic is
 * compared with scipy's in the same run. `scipyPython()` is undefined where no python3 imports
 * scipy; the tests then skip with that reason.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../daemon/daemon-harness.ts';

export function scipyPython(): string | undefined {
  return ['/usr/bin/python3', 'python3'].find(
    (python) => spawnSync(python, ['-c', 'import scipy, numpy'], { stdio: 'ignore' }).status === 0,
  );
}

export const NO_SCIPY = 'no python3 with scipy and numpy (Debian: python3-scipy)';

/** Writes `input` as JSON, runs `script` with its path as argv[1], returns the JSON it prints to argv[2]. */
export function runScipy<T>(python: string, script: string, input: unknown): T {
  const dir = tempDir('mlops-lens-scipy-');
  const inputPath = path.join(dir, 'input.json');
  const outputPath = path.join(dir, 'output.json');
  writeFileSync(inputPath, JSON.stringify(input));
  const result = spawnSync(python, ['-c', script, inputPath, outputPath], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`scipy script failed: ${result.stderr}`);
  return JSON.parse(readFileSync(outputPath, 'utf8')) as T;
}

/** A small seeded generator (mulberry32), so every run compares the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normalSample(random: () => number, size: number, mean = 0, std = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i += 1) {
    const u = Math.max(random(), Number.MIN_VALUE);
    out.push(mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()));
  }
  return out;
}
