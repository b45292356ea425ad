/**
 * Runs scipy (Debian's python3-scipy) on the same generated data as a test, so each statistic is
 * compared with scipy's in the same run. `scipyPython()` is undefined where no python3 imports
 * scipy; the tests then skip with that reason.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../daemon/daemon-harness.ts';
import { seededRandom } from '../robustness/seeded-random.ts';

export { seededRandom };

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

export function normalSample(random: () => number, size: number, mean = 0, std = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i += 1) {
    const u = Math.max(random(), Number.MIN_VALUE);
    out.push(mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()));
  }
  return out;
}

/** Asserts that a statistic equals scipy's within 1e-9 absolute plus 1e-7 relative. */
export function closeToScipy(actual: number, expected: number, what: string): void {
  const tolerance = 1e-9 + 1e-7 * Math.abs(expected);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs scipy ${expected}`);
}
