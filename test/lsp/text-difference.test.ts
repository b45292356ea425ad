import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { textDifferenceEdit } from '../../server/lsp/text-difference.ts';

function roundTrip(before: string, after: string): void {
  const edit = textDifferenceEdit(before, after);
  assert.ok(edit, 'an edit for different texts');
  assert.equal(applyEdits(before, [edit]).text, after);
}

describe('textDifferenceEdit', () => {
  it('returns nothing for equal texts', () => {
    assert.equal(textDifferenceEdit('a\nb\n', 'a\nb\n'), undefined);
  });

  it('replaces only the changed span', () => {
    const edit = textDifferenceEdit('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 2\n  x: 9\nc: 3\n');
    assert.deepEqual(edit, {
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      newText: '  x: 9\n',
    });
  });

  it('round-trips insertions, deletions and replacements', () => {
    roundTrip('', 'a');
    roundTrip('a', '');
    roundTrip('abc', 'abXc');
    roundTrip('aaa', 'aaaa');
    roundTrip('one\ntwo\nthree', 'one\nthree');
  });

  it('never splits a CRLF line break or a surrogate pair', () => {
    for (const [before, after] of [
      ['a\r\nb\r\n', 'a\nb\r\n'],
      ['a\r\nb', 'a\r\r\nb'],
      ['x\uD83D\uDE00y', 'x\uD83D\uDE01y'],
      ['\uD83D\uDE00', '\uD83D\uDE00\uD83D\uDE00'],
    ]) {
      const edit = textDifferenceEdit(before!, after!);
      assert.ok(edit);
      const lines = before!.split('\n');
      for (const { line, character } of [edit.range.start, edit.range.end]) {
        const text = lines[line] ?? '';
        assert.ok(
          character <= text.replace(/\r$/, '').length,
          `position ${line}:${character} inside ${JSON.stringify(text)}`,
        );
        const code = text.charCodeAt(character);
        assert.ok(!(code >= 0xdc00 && code <= 0xdfff), 'not between the halves of a surrogate pair');
      }
      roundTrip(before!, after!);
    }
  });
});
