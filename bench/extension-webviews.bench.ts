/**
 * The webviews in headless Chromium (see webview-bench-page.ts): the lineage graph's ELK layout
 * and SVG render at 1,000 nodes, and the runs compare view's first paint with 100 runs × 10,000
 * points (no downsampling: the worst case the daemon's `max_points` avoids) and with the
 * 1,000 points per run the extension asks the daemon for.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { LINEAGE_BODY } from '../webviews/lineage/page-body.ts';
import { RUNS_COMPARE_BODY } from '../webviews/runs-compare/page-body.ts';
import type { BenchRow } from './table.ts';
import { CHROMIUM_PATH, launchChromium, medianOf, openWebview, timePaint } from './webview-bench-page.ts';
import type { PaintSample } from './webview-bench-page.ts';

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
    });
    const lineageSamples: PaintSample[] = [];
    for (let i = 0; i < SAMPLES; i++) lineageSamples.push(await timePaint(lineage, lineageMessage, 1000));
    const compare = await openWebview(browser, {
      script: 'runs-compare.js',
      styles: ['uPlot.min.css', 'runs-compare.css'],
      body: RUNS_COMPARE_BODY,
    });
    const full: PaintSample[] = [];
    const downsampled: PaintSample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      full.push(await timePaint(compare, compareMessage, { runs: 100, points: 10_000 }));
      downsampled.push(await timePaint(compare, compareMessage, { runs: 100, points: 1000 }));
    }
    return [
      row('lineage: 1,000 nodes, message → ELK layout → SVG → next frame', lineageSamples, '≤ 300 ms'),
      row('runs compare first paint: 100 runs × 10,000 points (not downsampled)', full, 'first paint'),
      row('runs compare first paint: 100 runs × 1,000 points (max_points)', downsampled, 'first paint'),
    ];
  } finally {
    await browser.close();
  }
}
