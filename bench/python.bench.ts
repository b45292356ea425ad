/** The Python benches on one generated corpus: cold CLI check, edit latency, and the peers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchPythonCold } from './python-cold.bench.ts';
import { writePythonCorpus } from './python-corpus.ts';
import { benchPythonEdit } from './python-edit.bench.ts';
import { benchPythonPeers } from './python-peers.bench.ts';
import type { BenchRow } from './table.ts';

export async function benchPython(fileCount = 5000): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-python-bench-'));
  try {
    const corpus = writePythonCorpus(dir, fileCount);
    const cold = benchPythonCold(dir, corpus);
    const edit = await benchPythonEdit(dir, corpus);
    return [...cold.rows, ...edit, ...benchPythonPeers(corpus, cold.linesPerSecond)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
