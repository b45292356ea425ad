/**
 * Language server edit-to-diagnostics latency on a 5,000-line multi-document manifest: the time
 * from sending `didChange` to receiving the diagnostics of that version, over real stdio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileUri, LspSession } from '../test/lsp/lsp-session.ts';
import { manifestDocuments } from './manifest-corpus.ts';
import type { BenchRow } from './table.ts';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

export async function benchLspLatency(targetLines = 5000, edits = 200): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-lsp-bench-'));
  const session = await LspSession.start({ workspaceFolder: dir });
  try {
    const text = manifestDocuments(targetLines);
    const lines = text.split('\n');
    const uri = fileUri(path.join(dir, 'platform.yaml'));
    await session.open(uri, text);
    await session.waitForDiagnostics(uri);
    // Edit a GPU quantity in the middle of the file, back and forth, as a person would.
    const target = lines.findIndex((line, i) => i > lines.length / 2 && /nvidia\.com\/gpu: \d/.test(line));
    const column = (lines[target] ?? '').indexOf(': ') + 2;
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) {
      const start = performance.now();
      await session.changeAndWaitForDiagnostics(uri, [
        {
          range: { start: { line: target, character: column }, end: { line: target, character: column + 1 } },
          text: String(1 + (i % 2)),
        },
      ]);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return [
      {
        area: 'language server',
        measure: `edit → diagnostics, ${lines.length}-line multi-document file, ${edits} edits`,
        value: `p50 ${percentile(samples, 0.5).toFixed(1)} ms, p95 ${percentile(samples, 0.95).toFixed(1)} ms`,
        target: 'p95 ≤ 30 ms',
      },
    ];
  } finally {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
