/**
 * Language server: a Jupyter notebook synced cell by cell (LSP 3.17 notebook documents) and
 * paired with a serving module. The time from a cell edit to the diagnostics of that cell's new
 * version, over real stdio: the whole notebook is analysed again as one module, and its pairs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileUri, LspSession, ROOT } from '../test/lsp/lsp-session.ts';
import { NotebookClient, type CellSpec } from '../test/lsp/notebook-client.ts';
import type { BenchRow } from './table.ts';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

/** The skew-pair training script split into cells, then `extraCells` cells of exploration. */
function notebookCells(extraCells: number): CellSpec[] {
  const train = readFileSync(
    path.join(ROOT, 'test', 'fixtures', 'python', 'rules', 'skew-pair', 'train.py'),
    'utf8',
  );
  const lines = train.trimEnd().split('\n');
  const cells: CellSpec[] = [];
  for (let i = 0; i < lines.length; i += 4)
    cells.push({ kind: 'code', text: lines.slice(i, i + 4).join('\n') });
  for (let i = 0; i < extraCells; i++) {
    cells.push({ kind: 'markdown', text: `## Look ${i}` });
    cells.push({
      kind: 'code',
      text: [
        `look_${i} = df[NUMERIC].describe()`,
        `ratio_${i} = df["income"] / (df["debt"] + ${i + 1})`,
        `print(look_${i}, ratio_${i}.mean())`,
      ].join('\n'),
    });
  }
  return cells;
}

export async function benchNotebookEdit(extraCells = 300, edits = 100): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-notebook-bench-'));
  const serve = readFileSync(
    path.join(ROOT, 'test', 'fixtures', 'python', 'rules', 'skew-pair', 'serve.py'),
    'utf8',
  );
  writeFileSync(path.join(dir, 'serve.py'), serve);
  const session = await LspSession.start({ workspaceFolder: dir });
  try {
    const notebook = new NotebookClient(session, fileUri(path.join(dir, 'train.ipynb')));
    const cells = notebookCells(extraCells);
    await notebook.open(cells);
    const edited = cells.length - 1;
    await session.waitForDiagnostics(notebook.cellUri(edited));
    const lines = cells.reduce((sum, cell) => sum + cell.text.split('\n').length, 0);
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) {
      const version = notebook.cellVersion(edited) + 1;
      const start = performance.now();
      const published = session.waitForDiagnostics(notebook.cellUri(edited), (p) => p.version === version);
      const text = `${notebook.cellText(edited)}\n# note ${i}`;
      await notebook.replaceCell(edited, text);
      await published;
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return [
      {
        area: 'language server',
        measure: `notebook cell edit → that cell's diagnostics, ${cells.length} cells (${lines} lines) paired with serve.py, ${edits} edits`,
        value: `p50 ${percentile(samples, 0.5).toFixed(1)} ms, p95 ${percentile(samples, 0.95).toFixed(1)} ms`,
        target: 'p95 ≤ 50 ms',
      },
    ];
  } finally {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
