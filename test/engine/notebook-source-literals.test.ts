import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { NotebookJsonPositions } from '../../server/engine/notebook-json-range.ts';
import { notebookSourceLiterals } from '../../server/engine/notebook-source-literals.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

/** Reference: the source literals as a full JSON (YAML 1.2) parser sees them. */
function literalsByParser(json: string): Array<Array<[number, number]>> {
  const doc = parseDocument(json, { version: '1.2', uniqueKeys: false });
  const cells = isMap(doc.contents) ? doc.contents.get('cells', true) : undefined;
  if (!isSeq(cells)) return [];
  return cells.items.map((cell) => {
    const source = isMap(cell) ? cell.get('source', true) : undefined;
    const literals = isSeq(source) ? source.items : source ? [source] : [];
    return literals.flatMap((item): Array<[number, number]> =>
      isScalar(item) && typeof item.value === 'string' && item.range ? [[item.range[0], item.range[1]]] : [],
    );
  });
}

function notebooks(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return notebooks(full);
    return entry.name.endsWith('.ipynb') ? [readFileSync(full, 'utf8')] : [];
  });
}

describe('notebookSourceLiterals', () => {
  it('finds the same source literals as a full parse, on every fixture notebook', () => {
    const texts = notebooks().filter((text) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(texts.length >= 5);
    for (const text of texts) assert.deepEqual(notebookSourceLiterals(text), literalsByParser(text));
  });

  it('handles escapes, sources as one string, odd cells, duplicate keys and outputs', () => {
    const json = JSON.stringify(
      {
        metadata: { kernelspec: { name: 'python3' }, cells: 'not these' },
        cells: [
          {
            cell_type: 'code',
            source: ['x = "a\\"b"\n', "y = '\\\\' # é 🙂\n", 'z = 1'],
            outputs: [{ data: [1, 2.5e-3, null, true] }],
          },
          { cell_type: 'markdown', source: '# One string\nsecond line' },
          { cell_type: 'code', source: [] },
          { cell_type: 'raw' },
          'not a cell',
          { cell_type: 'code', source: ['a', 7, { nested: ['b'] }, 'c'] },
        ],
        nbformat: 4,
      },
      null,
      1,
    ).replace('"nbformat": 4', '"nbformat": 4, "cells": []');
    const literals = notebookSourceLiterals(json);
    assert.deepEqual(literals, literalsByParser(json));
    assert.deepEqual(
      literals?.map((cell) => cell.map(([start, end]) => JSON.parse(json.slice(start, end)) as string)),
      [
        ['x = "a\\"b"\n', "y = '\\\\' # é 🙂\n", 'z = 1'],
        ['# One string\nsecond line'],
        [],
        [],
        [],
        ['a', 'c'],
      ],
    );
  });

  it('gives nothing for text that is not JSON, and positions then map to nothing', () => {
    for (const text of ['', '[]', '{"cells": [', '{"cells": [{"source": ["a"]}]} extra', '{"cells" [] }'])
      assert.equal(notebookSourceLiterals(text), undefined, text);
    const positions = new NotebookJsonPositions('{"cells": [');
    assert.equal(positions.position(0, { line: 0, character: 0 }), undefined);
  });

  it('maps cell positions into the JSON text through the literals', () => {
    const json = '{"cells": [{"source": ["import os\\n", "x = \\"é\\""]}]}';
    const positions = new NotebookJsonPositions(json);
    const quote = positions.position(0, { line: 1, character: 4 });
    const accent = positions.position(0, { line: 1, character: 5 });
    assert.ok(quote && accent);
    assert.equal(json.slice(quote.character, quote.character + 3), '\\"é');
    assert.equal(json.slice(accent.character, accent.character + 1), 'é');
  });
});
