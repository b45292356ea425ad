import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileContext } from '../../server/python/extract/file-context.ts';
import { createTestParser } from './python-parser-setup.ts';

/** Each line `NAME = <literal>` of the snippet, evaluated at module scope. */
async function evaluated(lines: readonly string[]): Promise<unknown[]> {
  const parser = await createTestParser();
  const tree = parser.parse(lines.join('\n')).tree;
  assert.ok(tree);
  try {
    const context = new FileContext(tree);
    return context.buckets.assignments.map(({ node }) => {
      const right = node.childForFieldName('right');
      assert.ok(right);
      return context.evaluate(right, null);
    });
  } finally {
    tree.delete();
  }
}

describe('StaticEvaluator strings', () => {
  it('reads plain literals, and those with quotes, prefixes, braces or triple quotes', async () => {
    const values = await evaluated([
      'A = "income"',
      'B = \'a "b" c\'',
      'C = ""',
      'D = "it\'s"',
      'F = "{not} an f-string"',
      'G = b"bytes"',
      'H = r"raw"',
      'I = """triple"""',
      "J = 'x' 'y'",
      'K = f"{A}_log"',
      "L = ''",
    ]);
    assert.deepEqual(values, [
      { kind: 'string', value: 'income' },
      { kind: 'string', value: 'a "b" c' },
      { kind: 'string', value: '' },
      { kind: 'string', value: "it's" },
      { kind: 'string', value: '{not} an f-string' },
      { kind: 'string', value: 'bytes' },
      { kind: 'string', value: 'raw' },
      { kind: 'string', value: 'triple' },
      { kind: 'string', value: 'xy' },
      { kind: 'string', value: 'income_log' },
      { kind: 'string', value: '' },
    ]);
  });
});
