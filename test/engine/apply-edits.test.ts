import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import type { TextEdit } from '../../server/engine/types.ts';

const at = (line: number, character: number): { line: number; character: number } => ({ line, character });
const insert = (line: number, character: number, newText: string): TextEdit => ({
  range: { start: at(line, character), end: at(line, character) },
  newText,
});

describe('applyEdits', () => {
  it('applies separate edits in one go', () => {
    const result = applyEdits('a: 1\nb: 2\n', [
      { range: { start: at(0, 3), end: at(0, 4) }, newText: '3' },
      insert(1, 4, '\nc: 4'),
    ]);
    assert.equal(result.text, 'a: 3\nb: 2\nc: 4\n');
    assert.deepEqual(result.skipped, []);
  });

  it('leaves out an edit that overlaps an earlier one', () => {
    const second = { range: { start: at(0, 0), end: at(0, 4) }, newText: 'x: 0' };
    const result = applyEdits('a: 1\n', [
      { range: { start: at(0, 3), end: at(0, 4) }, newText: '2' },
      second,
    ]);
    assert.equal(result.text, 'x: 0\n');
    assert.equal(result.skipped.length, 1);
  });

  it('applies only the first of two insertions at one point, so the next pass places the other', () => {
    const text = 'c:\n  limits:\n    cpu: 1\n';
    const intoContainer = insert(2, 10, '\n  policy: x');
    const intoLimits = insert(2, 10, '\n    memory: 1Gi');
    const result = applyEdits(text, [intoContainer, intoLimits]);
    assert.equal(result.text, 'c:\n  limits:\n    cpu: 1\n  policy: x\n');
    assert.deepEqual(result.skipped, [intoLimits]);
  });
});
