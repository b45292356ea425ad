import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseNotebookCells } from '../../server/python/analyse-python.ts';
import { cellAtLine, fromCellLocation, toCellLocation } from '../../server/python/notebook/cell-map.ts';
import { buildVirtualModule } from '../../server/python/notebook/notebook-source.ts';
import { stringListOf } from '../../server/python/facts/static-value.ts';
import { fixtureFacts } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';

describe('notebooks', () => {
  it('analyses code cells as one module and maps facts back to their cell', async () => {
    const facts = await fixtureFacts('notebooks/train_churn.ipynb');
    assert.equal(facts.kind, 'notebook');
    assert.equal(facts.role, 'training');
    assert.deepEqual(facts.notes, []);
    assert.ok(facts.notebook);
    assert.deepEqual(
      facts.notebook.cells.map((c) => [c.index, c.cellId, c.startLine, c.lineCount]),
      [
        [1, 'imports', 0, 5],
        [2, 'load', 5, 3],
        [4, 'fit', 8, 5],
      ],
    );
    const scaler = facts.transformers[0];
    assert.deepEqual(stringListOf(scaler?.fits[0]?.features?.columns), ['age', 'income']);
    const fit =
      scaler && toCellLocation(facts.notebook, scaler.fits[0]?.call.range ?? scaler.construction.range);
    assert.deepEqual(fit, {
      cellIndex: 4,
      cellUri: null,
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 38 } },
    });
    const save = facts.artifacts[0];
    assert.ok(save);
    const saved = toCellLocation(facts.notebook, save.call.range);
    assert.deepEqual(saved?.range.start, { line: 4, character: 0 });
    assert.equal(saved?.cellIndex, 4);
    assert.deepEqual(fromCellLocation(facts.notebook, saved ?? fit ?? assert.fail()), save.call.range);
    const fill = facts.featureTransforms.find((t) => t.feature === 'income' && t.steps.length > 0)?.steps[0];
    assert.ok(fill?.kind === 'fillna' && fill.strategy === 'median');
  });

  it('turns magics into comments without moving columns', () => {
    const module = buildVirtualModule('file:///nb.ipynb', [
      { index: 0, text: '%matplotlib inline\n!pip install x\nx = 1' },
      { index: 1, text: '  %time y = 2\r\nprint(x)\n' },
    ]);
    assert.equal(module.text, '#matplotlib inline\n#pip install x\nx = 1\n  #time y = 2\nprint(x)\n');
    assert.equal(cellAtLine(module.map, 3)?.index, 1);
    assert.equal(cellAtLine(module.map, 9), null);
  });

  it('uses the cell URIs of LSP notebook sync when they are given', async () => {
    const parser = await createTestParser();
    const facts = analyseNotebookCells(parser, 'file:///w/nb.ipynb', [
      { index: 0, text: 'import joblib', cellUri: 'vscode-notebook-cell:/w/nb.ipynb#a' },
      { index: 1, text: 'model = joblib.load("m.joblib")', cellUri: 'vscode-notebook-cell:/w/nb.ipynb#b' },
    ]);
    const load = facts.artifacts[0];
    assert.ok(load && facts.notebook);
    assert.deepEqual(toCellLocation(facts.notebook, load.call.range), {
      cellIndex: 1,
      cellUri: 'vscode-notebook-cell:/w/nb.ipynb#b',
      range: { start: { line: 0, character: 8 }, end: { line: 0, character: 31 } },
    });
  });

  it('gives a note, not a crash, for invalid notebook JSON', async () => {
    const facts = await fixtureFacts('notebooks/broken.ipynb');
    assert.equal(facts.notes.length, 1);
    assert.equal(facts.notes[0]?.code, 'parse-error');
    assert.match(facts.notes[0]?.message ?? '', /Not a valid notebook/);
    assert.deepEqual(facts.artifacts, []);
  });
});
