/** `npm run bench`: every performance figure of the product, printed as one table. */
import { benchAnalyzerCheck } from './analyzer-check.bench.ts';
import { benchClusters } from './clusters.bench.ts';
import { benchDaemonShutdown } from './daemon-shutdown.bench.ts';
import { benchDaemonSearch, benchDaemonTracking } from './daemon-tracking.bench.ts';
import { benchDrift } from './drift.bench.ts';
import { benchQuality } from './quality.bench.ts';
import { benchExtensionActivation } from './extension-activation.bench.ts';
import { benchExtensionVsix } from './extension-vsix.bench.ts';
import { benchExtensionWebviews } from './extension-webviews.bench.ts';
import { benchLspLatency } from './lsp-latency.bench.ts';
import { benchMetrics } from './metrics.bench.ts';
import { benchNotebookEdit } from './notebook-edit.bench.ts';
import { benchPython } from './python.bench.ts';
import { printTable } from './table.ts';
import type { BenchRow } from './table.ts';

const rows: BenchRow[] = [];
const only = process.argv[2];
if (!only || only === 'analyzer') rows.push(...benchAnalyzerCheck());
if (!only || only === 'lsp')
  rows.push(
    ...(await benchLspLatency()),
    ...(await benchNotebookEdit(40)),
    ...(await benchNotebookEdit(300)),
  );
if (!only || only === 'python') rows.push(...(await benchPython()));
if (!only || only === 'daemon')
  rows.push(
    ...(await benchDaemonTracking()),
    ...(await benchDaemonSearch()),
    ...(await benchDaemonShutdown()),
  );
if (!only || only === 'drift') rows.push(...(await benchDrift()));
if (!only || only === 'quality') rows.push(...benchQuality());
if (!only || only === 'clusters') rows.push(...(await benchClusters()));
if (!only || only === 'metrics') rows.push(...(await benchMetrics()));
if (!only || only === 'extension')
  rows.push(...benchExtensionActivation(), ...benchExtensionVsix(), ...(await benchExtensionWebviews()));
process.stdout.write(`${printTable(rows)}\n`);
