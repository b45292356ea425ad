import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileContext } from '../../server/python/extract/file-context.ts';
import { createTestParser } from './python-parser-setup.ts';

const SOURCE = [
  'df["a"] = df["b"] + 1',
  'x, (y, z[0]) = pair',
  'total += frame["c"]',
  'first = second = row["d"]',
  'for key, value in items["e"]: pass',
  'print(df["f"])',
  'scaler.fit(X)',
  'fit(X)',
  'df["g"].fillna(0).clip(lower=0)',
].join('\n');

describe('FileContext', () => {
  it('tells the nodes assigned to, through tuple patterns, from those read', async () => {
    const parser = await createTestParser();
    const tree = parser.parse(SOURCE).tree;
    assert.ok(tree);
    try {
      const context = new FileContext(tree);
      const targets = tree.rootNode
        .descendantsOfType(['identifier', 'subscript', 'pattern_list', 'tuple_pattern'])
        .filter((node) => node !== null && context.isAssignmentTarget(node))
        .map((node) => node?.text);
      assert.deepEqual(targets.sort(), [
        '(y, z[0])',
        'df["a"]',
        'first',
        'second',
        'total',
        'x',
        'x, (y, z[0])',
        'y',
        'z[0]',
      ]);
      assert.deepEqual(
        context.buckets.calls.map(({ node }) => `${node.text.split('(')[0]}: ${context.method(node)}`),
        ['print: null', 'scaler.fit: fit', 'fit: null', 'df["g"].fillna: clip', 'df["g"].fillna: fillna'],
      );
    } finally {
      tree.delete();
    }
  });
});
