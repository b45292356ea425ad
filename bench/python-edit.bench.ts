/**
 * Re-analysis after a one-line edit in a training file that several services load the artifacts
 * of: `PythonWorkspaceSession.change` (incremental re-parse, facts, index, re-pairing, pair
 * rules) plus reading the findings of every file it reports as touched, in process, over the
 * whole generated corpus.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PythonWorkspaceSession } from '../server/python/python-workspace-session.ts';
import { createTestParser } from '../test/python/python-parser-setup.ts';
import type { PythonCorpus } from './python-corpus.ts';
import type { BenchRow } from './table.ts';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

export async function benchPythonEdit(root: string, corpus: PythonCorpus, edits = 200): Promise<BenchRow[]> {
  const session = new PythonWorkspaceSession(await createTestParser(), {
    roots: [pathToFileURL(root).href],
  });
  try {
    const loadStart = performance.now();
    session.loadAll(
      new Map(corpus.files.map((file) => [pathToFileURL(file).href, readFileSync(file, 'utf8')])),
    );
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const uri = pathToFileURL(corpus.pairedTrainingFile).href;
    const text = readFileSync(corpus.pairedTrainingFile, 'utf8');
    session.open(uri, text);
    // The fill value of income, edited back and forth: a change the paired services must see.
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('fillna(INCOME_FILL)'));
    const character = (lines[line] ?? '').indexOf('INCOME_FILL)');
    if (line < 0 || character < 0) throw new Error('the edited line is missing from the corpus');
    const samples: number[] = [];
    let touchedFiles = 0;
    let current = 'INCOME_FILL';
    for (let i = 0; i < edits; i++) {
      const next = i % 2 === 0 ? '52000.0' : 'INCOME_FILL';
      const range = { start: { line, character }, end: { line, character: character + current.length } };
      const start = performance.now();
      const touched = session.change(uri, [{ range, text: next }]);
      for (const file of touched) session.findingsFor(file);
      samples.push(performance.now() - start);
      touchedFiles = Math.max(touchedFiles, touched.length);
      current = next;
    }
    samples.sort((a, b) => a - b);
    return [
      {
        area: 'python',
        measure: `one-line edit in a paired training file → findings (${corpus.files.length}-file workspace, ${edits} edits)`,
        value: `p50 ${percentile(samples, 0.5).toFixed(1)} ms, p95 ${percentile(samples, 0.95).toFixed(1)} ms`,
        target: 'p95 ≤ 50 ms',
        note: `in process; up to ${touchedFiles} files re-checked per edit; initial load ${loadSeconds.toFixed(1)} s`,
      },
    ];
  } finally {
    session.dispose();
  }
}
