/**
 * The webviews in headless Chromium (see webview-bench-page.ts): the lineage graph's ELK layout
 * and SVG render at 1,000 nodes, the GPU board's first paint (32 GPUs × 1 h at 1 s) and the drift
 * dashboard's (100 features), and the runs compare view's first paint with 100 runs × 10,000
 * points (no downsampling: the worst case the daemon's `max_points` avoids) and with the
 * 1,000 points per run the extension asks the daemon for.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { DRIFT_DASHBOARD_BODY } from '../webviews/drift-dashboard/page-body.ts';
import { GPU_BOARD_BODY } from '../webviews/gpu-board/page-body.ts';
import { LINEAGE_BODY } from '../webviews/lineage/page-body.ts';
import { RUNS_COMPARE_BODY } from '../webviews/runs-compare/page-body.ts';
import type { BenchRow } from './table.ts';
import {
  CHROMIUM_PATH,
  launchChromium,
  medianOf,
  openWebview,
  timePaint,
  timeRefinedPaint,
} from './webview-bench-page.ts';
import type { PaintSample, RefinedPaintSample } from './webview-bench-page.ts';

const SAMPLES = 5;

/** A lineage graph of `size` nodes: datasets and code feed runs, runs register versions, deployed. */
function lineageMessage(size: number): unknown {
  const kinds = ['dataset', 'code', 'environment', 'run', 'run', 'model_version', 'preprocessing'];
  const nodes = Array.from({ length: size }, (_, i) => {
    const type = kinds[i % kinds.length] as string;
    return { id: `${type}:${i}`, type, label: `${type} ${i}`, attributes: { index: i } };
  });
  const of = (type: string) => nodes.filter((n) => n.type === type);
  const runs = of('run');
  const edges: { type: string; from: string; to: string }[] = [];
  runs.forEach((run, i) => {
    for (const type of ['dataset', 'code', 'environment', 'preprocessing']) {
      const used = of(type);
      const target = used[(i * 7) % used.length];
      if (target) edges.push({ type: 'used', from: run.id, to: target.id });
    }
    const version = of('model_version')[Math.floor(i / 2)];
    if (version) edges.push({ type: 'registered_as', from: run.id, to: version.id });
  });
  return { type: 'graph', payload: { root: runs[0]?.id ?? '', nodes, edges } };
}

/** A comparison of `runs` runs, each with a loss and an accuracy history of `points` steps. */
function compareMessage({ runs, points }: { runs: number; points: number }): unknown {
  const steps = Array.from({ length: points }, (_, i) => i * 10);
  const list = Array.from({ length: runs }, (_, r) => ({
    runId: `run-${r}`,
    name: `run ${r}`,
    status: 'FINISHED',
    experimentId: '1',
    startTime: 1_700_000_000_000 + r * 1000,
    params: { lr: String(0.1 / (1 + (r % 5))), batch_size: String(32 * (1 + (r % 3))), model: 'mlp' },
    metrics: { loss: 0.1, accuracy: 0.9 },
    tags: {},
  }));
  const histories = list.flatMap((run, r) => [
    {
      runId: run.runId,
      key: 'loss',
      steps,
      values: steps.map((s, i) => 2 / (1 + s / (500 + r)) + 0.05 * Math.sin(i + r)),
    },
    { runId: run.runId, key: 'accuracy', steps, values: steps.map((s) => 1 - 1 / (1 + s / (300 + r))) },
  ]);
  return { type: 'compare', payload: { runs: list, histories, maxPoints: points } };
}

/** A GPU board message: `gpus` whole GPUs, each with a pod, `points` seconds of use and memory. */
function gpuBoardMessage({
  gpus,
  points,
  sample,
}: {
  gpus: number;
  points: number;
  sample: number;
}): unknown {
  const end = 1_764_000_000_000;
  const times = Array.from({ length: points }, (_, i) => end - (points - i) * 1000);
  const slices = Array.from({ length: gpus }, (_, g) => ({
    // A new key per sample: every sample is a first paint, not an update in place.
    key: `node-${g >> 3}/GPU-${sample}-${g}/`,
    hostname: `node-${g >> 3}`,
    gpu: String(g % 8),
    modelName: 'NVIDIA H100 80GB HBM3',
    pod: `ml/trainer-${g}`,
    times,
    util: times.map((_, i) => 50 + 45 * Math.sin(i / 60 + g)),
    fbUsed: times.map((_, i) => 40_000 + 20_000 * Math.sin(i / 300 + g)),
    fbTotal: 81_920,
  }));
  return {
    type: 'usage',
    payload: {
      context: 'bench',
      minutes: 60,
      stepSeconds: 1,
      availability: { state: 'available', checkedTime: end },
      slices,
    },
  };
}

/** A drift dashboard message: `features` features, 20-bin histograms, `reports` windows of timeline. */
function driftMessage({ features, reports }: { features: number; reports: number }): unknown {
  const end = 1_764_000_000_000;
  const timelineTimes = Array.from({ length: reports }, (_, i) => end - (reports - i) * 3_600_000);
  const rows = Array.from({ length: features }, (_, f) => {
    const statistic = (f % 7) / 50;
    const verdict = statistic >= 0.1 ? 'drifted' : f % 3 === 0 ? 'investigate' : 'stable';
    const labels = Array.from({ length: 20 }, (_, b) => `${b * 5}–${b * 5 + 5}`);
    const bell = (centre: number) => labels.map((_, b) => Math.exp(-((b - centre) ** 2) / 8) / 5.01);
    return {
      feature: `feature_${String(f).padStart(3, '0')}`,
      type: 'numerical',
      isPrediction: false,
      stattest: 'wasserstein',
      kind: 'distance',
      statistic,
      threshold: 0.1,
      verdict,
      psi: statistic * 1.5,
      histogram: { labels, reference: bell(10), current: bell(10 + (f % 7) / 2) },
      timeline: timelineTimes.map((_, i) => statistic * (i / reports)),
    };
  });
  const alerts = rows
    .filter((r) => r.verdict === 'drifted')
    .map((r, i) => ({
      alertId: String(i),
      rule: 'drift/feature-psi',
      feature: r.feature,
      status: 'open',
      silenced: false,
      value: r.psi,
      threshold: 0.25,
      message: `Feature PSI above 0.25 of '${r.feature}'`,
      lastSeen: end,
    }));
  const drifted = rows.filter((r) => r.verdict === 'drifted').length;
  return {
    type: 'drift',
    payload: {
      model: 'bench',
      version: '1',
      report: {
        reportId: '1',
        createdTime: end,
        windowFrom: end - 3_600_000,
        windowTo: end,
        windowCount: 100_000,
        referenceKind: 'recorded',
        referenceCount: 100_000,
        driftedFeatures: drifted,
        driftShare: drifted / features,
        driftShareThreshold: 0.5,
        datasetDrift: drifted / features >= 0.5,
      },
      features: rows,
      timelineTimes,
      alerts,
    },
  };
}

function row(measure: string, samples: readonly PaintSample[], target: string): BenchRow {
  return {
    area: 'webviews',
    measure,
    value: `${medianOf(samples, 'postToFrameMs').toFixed(0)} ms`,
    target,
    note:
      `headless Chromium, median of ${samples.length}; webview's own data-render-ms ` +
      `${medianOf(samples, 'renderMs').toFixed(0)} ms; ${availableParallelism()} CPUs, load ${(loadavg()[0] ?? 0).toFixed(1)}`,
  };
}

export async function benchExtensionWebviews(): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM_PATH)) {
    process.stderr.write(`webview benches skipped: no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)\n`);
    return [];
  }
  const browser = await launchChromium();
  try {
    const lineage = await openWebview(browser, {
      script: 'lineage.js',
      styles: ['lineage.css'],
      body: LINEAGE_BODY,
      blobWorkers: true,
    });
    const lineageSamples: RefinedPaintSample[] = [];
    for (let i = 0; i < SAMPLES; i++)
      lineageSamples.push(await timeRefinedPaint(lineage, lineageMessage, 1000));
    const compare = await openWebview(browser, {
      script: 'runs-compare.js',
      styles: ['uPlot.min.css', 'panel-page.css', 'runs-compare.css'],
      body: RUNS_COMPARE_BODY,
    });
    const full: PaintSample[] = [];
    const downsampled: PaintSample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      full.push(await timePaint(compare, compareMessage, { runs: 100, points: 10_000 }));
      downsampled.push(await timePaint(compare, compareMessage, { runs: 100, points: 1000 }));
    }
    const board = await openWebview(browser, {
      script: 'gpu-board.js',
      styles: ['uPlot.min.css', 'panel-page.css', 'gpu-board.css'],
      body: GPU_BOARD_BODY,
    });
    const boardSamples: PaintSample[] = [];
    for (let sample = 0; sample < SAMPLES; sample++)
      boardSamples.push(await timePaint(board, gpuBoardMessage, { gpus: 32, points: 3600, sample }));
    const drift = await openWebview(browser, {
      script: 'drift-dashboard.js',
      styles: ['uPlot.min.css', 'panel-page.css', 'drift-dashboard.css'],
      body: DRIFT_DASHBOARD_BODY,
    });
    const driftSamples: PaintSample[] = [];
    for (let i = 0; i < SAMPLES; i++)
      driftSamples.push(await timePaint(drift, driftMessage, { features: 100, reports: 50 }));
    return [
      row(
        'lineage: 1,000 nodes, message → provisional layout → SVG → next frame',
        lineageSamples,
        '≤ 300 ms',
      ),
      {
        area: 'webviews',
        measure: 'lineage: 1,000 nodes, message → ELK layout (worker) → SVG → next frame',
        value: `${medianOf(lineageSamples, 'postToRefinedMs').toFixed(0)} ms`,
        target: 'main thread free',
        note:
          `main-thread CPU from message to refined frame ${medianOf(lineageSamples, 'mainThreadCpuMs').toFixed(0)} ms ` +
          `(CDP TaskDuration), median of ${lineageSamples.length}; ${availableParallelism()} CPUs, load ${(loadavg()[0] ?? 0).toFixed(1)}`,
      },
      row('GPU board first paint: 32 GPUs × 1 h at 1 s (2 × 3,600 points each)', boardSamples, 'first paint'),
      row(
        'drift dashboard first paint: 100 features, 20-bin histograms, 50 windows',
        driftSamples,
        'first paint',
      ),
      row('runs compare first paint: 100 runs × 10,000 points (not downsampled)', full, 'first paint'),
      row('runs compare first paint: 100 runs × 1,000 points (max_points)', downsampled, 'first paint'),
    ];
  } finally {
    await browser.close();
  }
}
