import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/engine/line-index.ts';
import { PythonDocument } from '../../server/python/parser/python-document.ts';
import { initPythonParser, PythonParser } from '../../server/python/parser/python-parser.ts';
import { existsSync } from 'node:fs';
import {
  assertWasmFilesExist,
  defaultWasmLocations,
  wasmLocationsBesideModule,
} from '../../server/python/parser/wasm-locations.ts';
import { rangeOf } from '../../server/python/syntax/node-range.ts';
import { createTestParser, NODE_MODULES_WASM } from './python-parser-setup.ts';

describe('PythonParser', () => {
  it('initialises once: a second init resolves to the same language', async () => {
    const first = await initPythonParser(NODE_MODULES_WASM);
    const second = await initPythonParser();
    assert.equal(first, second);
  });

  it('looks for the WebAssembly files beside the running bundle by default', () => {
    const locations = wasmLocationsBesideModule('file:///opt/ext/dist/server.js');
    assert.deepEqual(locations, {
      runtime: '/opt/ext/dist/tree-sitter.wasm',
      python: '/opt/ext/dist/tree-sitter-python.wasm',
    });
  });

  it('falls back to node_modules when running from source, and names a missing file clearly', () => {
    const fromSource = defaultWasmLocations(
      new URL('../../server/python/parser/python-parser.ts', import.meta.url).href,
    );
    assert.ok(
      typeof fromSource.runtime === 'string' &&
        existsSync(fromSource.runtime) &&
        fromSource.runtime.includes('node_modules'),
    );
    assert.ok(typeof fromSource.python === 'string' && existsSync(fromSource.python));
    assert.throws(
      () =>
        assertWasmFilesExist({
          runtime: '/nowhere/tree-sitter.wasm',
          python: '/nowhere/tree-sitter-python.wasm',
        }),
      /WebAssembly file not found: \/nowhere\/tree-sitter\.wasm/,
    );
  });

  it('reports UTF-16 columns, as LSP positions need, on lines with accents and astral characters', async () => {
    const parser = await createTestParser();
    const text = 'naïve = "😀é"; x = 1\r\nrésumé = df["ünïcode"].fillna(0)\n';
    const { tree } = parser.parse(text);
    assert.ok(tree);
    const lines = new LineIndex(text);
    const identifiers = tree.rootNode.descendantsOfType('identifier').filter((n) => n !== null);
    assert.deepEqual(
      identifiers.map((n) => n.text),
      ['naïve', 'x', 'résumé', 'df', 'fillna'],
    );
    for (const node of identifiers) {
      const start = text.indexOf(node.text, node.startIndex);
      assert.equal(start, node.startIndex, `startIndex is a UTF-16 offset for ${node.text}`);
      assert.deepEqual(rangeOf(node), lines.range(start, start + node.text.length), node.text);
    }
    const x = identifiers[1];
    assert.deepEqual(x && rangeOf(x).start, { line: 0, character: 15 });
    tree.delete();
  });

  it('parses half-typed code and Python 2 files into a tree with errors instead of throwing', async () => {
    const parser = await createTestParser();
    for (const text of [
      'def f(:\n  return (',
      'print "hello"\nexec "x = 1"\n',
      'x = [1, 2\nclass :',
      '\u0000\uffff\ud800',
    ]) {
      const outcome = parser.parse(text);
      assert.ok(outcome.tree, text);
      assert.equal(outcome.timedOut, false);
      outcome.tree.delete();
    }
  });

  it('cuts text over the size limit at a line break and says so', async () => {
    const parser = await createTestParser({ maxChars: 1000, timeoutMs: 3000 });
    const text = 'x = 1\n'.repeat(1000);
    const outcome = parser.parse(text);
    assert.equal(outcome.truncated, true);
    assert.ok(outcome.parsedChars <= 1000 && outcome.parsedChars > 500);
    assert.equal(text[outcome.parsedChars - 1], '\n');
    assert.equal(outcome.tree?.rootNode.endIndex, outcome.parsedChars);
    outcome.tree?.delete();
  });

  it('stops a parse that runs past the time limit and then parses the next text normally', async () => {
    const parser = await createTestParser({ maxChars: 50_000_000, timeoutMs: 1 });
    const big = 'value = compute(a, b, [1, 2, 3], {"k": (x + y) * z})\n'.repeat(200_000);
    const outcome = parser.parse(big);
    assert.equal(outcome.timedOut, true);
    assert.equal(outcome.tree, null);
    const fast = new PythonParser({ maxChars: 1000, timeoutMs: 2000 });
    const next = fast.parse('y = 2\n');
    assert.ok(next.tree);
    next.tree.delete();
  });
});

describe('PythonDocument (incremental re-parse)', () => {
  it('gives the same tree as a fresh parse after a series of edits, non-ASCII included', async () => {
    const parser = await createTestParser();
    const initial =
      'import pandas as pd\n\ndf = pd.read_csv("données.csv")\ndf["âge"] = df["âge"].clip(0, 120)\n';
    const document = new PythonDocument(parser, initial);
    const edits = [
      { range: { start: { line: 3, character: 30 }, end: { line: 3, character: 33 } }, text: '99' },
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        text: 'SEED = 42  # 😀\n',
      },
      { range: { start: { line: 2, character: 12 }, end: { line: 2, character: 12 } }, text: 'é' },
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'def f(:\n' },
      { range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, text: '' },
    ];
    let text = initial;
    for (const edit of edits) {
      document.applyChanges([edit]);
      const lines = new LineIndex(text);
      text =
        text.slice(0, lines.offset(edit.range.start)) + edit.text + text.slice(lines.offset(edit.range.end));
      assert.equal(document.text, text);
      const fresh = parser.parse(text);
      assert.equal(document.tree?.rootNode.toString(), fresh.tree?.rootNode.toString());
      fresh.tree?.delete();
    }
    assert.match(document.text, /SEED = 42/);
    document.dispose();
  });

  it('applies several changes of one notification in order, and a full replacement', async () => {
    const parser = await createTestParser();
    const document = new PythonDocument(parser, 'a = 1\nb = 2\n');
    document.applyChanges([
      { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, text: '10' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'bee' },
    ]);
    assert.equal(document.text, 'a = 10\nbee = 2\n');
    document.applyChanges([{ text: 'print("new")\n' }]);
    assert.equal(document.tree?.rootNode.firstNamedChild?.text, 'print("new")');
    document.dispose();
  });
});
