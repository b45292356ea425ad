/**
 * Drift of 100 numerical features × 1,000,000 current rows against references of 100,000 rows
 * (target ≤ 1 s), and scipy's `ks_2samp` on the same data for the first features, as a ratio.
 * The reference is summarised once (10,000 sorted points); each window is compared in one pass
 * against the reference's distinct values, without sorting it (daemon/drift/statistics/
 * numeric-comparison.ts): KS statistic and p-value, normed Wasserstein and PSI together.
 * Each batch of features is compared twice: on this thread, then in the daemon's drift worker
 * pool (columns transferred), whose results must be identical. CPU time (process-wide, so the
 * workers' time counts) and wall time of the comparison only; generating the data is not counted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { FeatureDrift } from '../daemon/api/contract.ts';
import { numericFeatureDrift } from '../daemon/drift/feature-drift.ts';
import { summarizeNumbers } from '../daemon/drift/reference-summary.ts';
import { DriftWorkerPool } from '../daemon/drift/worker-pool/drift-worker-pool.ts';
import type { NumericFeatureTask } from '../daemon/drift/worker-pool/numeric-feature-task.ts';
import type { BenchRow } from './table.ts';

const FEATURES = 100;
const CURRENT_ROWS = 1_000_000;
const REFERENCE_ROWS = 100_000;
const SCIPY_FEATURES = 5;
/** Features generated and compared at a time, so that only a batch of columns is in memory. */
const BATCH = 10;

const SCIPY_SCRIPT = `
import json, sys, time
import numpy as np
from scipy.stats import ks_2samp
folder, count = sys.argv[1], int(sys.argv[2])
cpu = 0.0; stats = []
for i in range(count):
    ref = np.fromfile(f'{folder}/ref-{i}.f64'); cur = np.fromfile(f'{folder}/cur-{i}.f64')
    start = time.process_time()
    result = ks_2samp(ref, cur, method='auto')
    cpu += time.process_time() - start
    stats.append(float(result.statistic))
print(json.dumps(dict(cpu=cpu, stats=stats)))
`;

function normals(random: () => number, size: number, mean: number, std: number): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < size; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(Math.max(random(), Number.MIN_VALUE)));
    const angle = 2 * Math.PI * random();
    out[i] = mean + std * radius * Math.cos(angle);
    if (i + 1 < size) out[i + 1] = mean + std * radius * Math.sin(angle);
  }
  return out;
}

function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export async function benchDrift(): Promise<BenchRow[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'mlops-lens-drift-bench-'));
  const pool = new DriftWorkerPool();
  try {
    const single = { cpu: 0, wall: 0 };
    const pooled = { cpu: 0, wall: 0 };
    let summaryMs = 0;
    let scipySubsetMs = 0;
    let identical = true;
    const ourStats: number[] = [];
    // Every worker started before the clock runs: the daemon starts them once, on its first report.
    await pool.compare(
      Array.from({ length: pool.size }, (_, i) => ({
        feature: `warm-up ${i}`,
        reference: summarizeNumbers(Float64Array.of(0, 1), 0),
        current: Float64Array.of(0.5),
        spec: undefined,
        isPrediction: false,
      })),
    );
    for (let first = 0; first < FEATURES; first += BATCH) {
      const tasks: NumericFeatureTask[] = [];
      const here: FeatureDrift[] = [];
      const windows: Float64Array[] = [];
      for (let feature = first; feature < first + BATCH; feature += 1) {
        const random = xorshift(feature + 1);
        const scale = 1 + (feature % 7);
        const reference = normals(random, REFERENCE_ROWS, 0, scale);
        const current = normals(random, CURRENT_ROWS, (feature % 3) * 0.01 * scale, scale);
        if (feature < SCIPY_FEATURES) {
          writeFileSync(path.join(folder, `ref-${feature}.f64`), reference);
          writeFileSync(path.join(folder, `cur-${feature}.f64`), current);
        }
        const summaryStart = process.cpuUsage();
        const summary = summarizeNumbers(reference, 0);
        summaryMs += cpuMs(summaryStart);
        // The pool's copy: its buffer moves to a worker.
        tasks.push({
          feature: `f${feature}`,
          reference: summary,
          current: current.slice(),
          spec: undefined,
          isPrediction: false,
        });
        windows.push(current);
      }
      // The batch is compared once generated, so that its garbage is not collected on the clock.
      for (const [i, task] of tasks.entries()) {
        const start = process.cpuUsage();
        const wallStart = performance.now();
        const drift = numericFeatureDrift(task.feature, task.reference, windows[i] as Float64Array);
        single.wall += performance.now() - wallStart;
        const spent = cpuMs(start);
        single.cpu += spent;
        here.push(drift);
        if (first + i < SCIPY_FEATURES) {
          scipySubsetMs += spent;
          ourStats.push(drift.ks_statistic ?? Number.NaN);
        }
      }
      const start = process.cpuUsage();
      const wallStart = performance.now();
      const there = await pool.compare(tasks);
      pooled.wall += performance.now() - wallStart;
      pooled.cpu += cpuMs(start);
      identical &&= isDeepStrictEqual(there, here);
    }
    const measure = `${FEATURES} features × ${CURRENT_ROWS / 1e6}M rows vs ${REFERENCE_ROWS / 1000}k reference`;
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    const rows: BenchRow[] = [
      {
        area: 'drift',
        measure: `${measure}, one thread: CPU / wall`,
        value: `${seconds(single.cpu)} / ${seconds(single.wall)}`,
        target: '≤ 1 s',
        note: `KS + p-value, normed Wasserstein (default test), PSI per feature; one pass, no sort of the window; summaries ${seconds(summaryMs)} more, once per baseline; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; host load average ${loadavg()[0]?.toFixed(1)} during the run (shared machine)`,
      },
      {
        area: 'drift',
        measure: `${measure}, worker pool of ${pool.size}: CPU / wall`,
        value: `${seconds(pooled.cpu)} / ${seconds(pooled.wall)}`,
        target: '≤ 1 s',
        note: `what the daemon does for a large report (${availableParallelism()} cores available); CPU of all threads; results ${identical ? 'identical to' : 'DIFFERENT from'} the one-thread pass`,
      },
    ];
    const python = ['/usr/bin/python3', 'python3'].find(
      (candidate) => spawnSync(candidate, ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0,
    );
    if (python === undefined) {
      rows.push({
        area: 'drift',
        measure: 'scipy ks_2samp ratio',
        value: 'skipped',
        target: '',
        note: 'no python3 with scipy',
      });
      return rows;
    }
    const result = spawnSync(python, ['-c', SCIPY_SCRIPT, folder, String(SCIPY_FEATURES)], {
      encoding: 'utf8',
    });
    const scipy = JSON.parse(result.stdout) as { cpu: number; stats: number[] };
    const largestGap = Math.max(...scipy.stats.map((d, i) => Math.abs(d - (ourStats[i] ?? Number.NaN))));
    const scipyPerFeature = (scipy.cpu * 1000) / SCIPY_FEATURES;
    const oursPerFeature = scipySubsetMs / SCIPY_FEATURES;
    rows.push({
      area: 'drift',
      measure: `scipy ks_2samp per feature (first ${SCIPY_FEATURES}, same data), CPU`,
      value: `${scipyPerFeature.toFixed(0)} ms vs ${oursPerFeature.toFixed(1)} ms`,
      target: '',
      note: `ours ${(scipyPerFeature / oursPerFeature).toFixed(1)}× faster with Wasserstein and PSI included; scipy uses the full reference, ours its 10,000-point summary (largest KS gap ${largestGap.toExponential(1)})`,
    });
    return rows;
  } finally {
    await pool.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
