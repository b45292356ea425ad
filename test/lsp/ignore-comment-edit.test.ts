import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ignoreCommentEdit } from '../../server/lsp/ignore-comment-edit.ts';

function documentOf(name: string, text: string): TextDocument {
  return TextDocument.create(`file:///w/${name}`, 'plaintext', 1, text);
}

describe('ignoreCommentEdit', () => {
  it('inserts the comment above the line, indented like it, with the file’s line break', () => {
    const edit = ignoreCommentEdit(documentOf('a.yaml', 'a:\r\n\t  b: 1\r\n'), 1, 'gpu/limits-missing');
    assert.deepEqual(edit, {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: '\t  # mlops-lens: ignore[gpu/limits-missing] reason\r\n',
    });
  });

  it('works on the last line without a line break, and in Python', () => {
    assert.equal(
      ignoreCommentEdit(documentOf('serve.py', 'x = 1'), 0, 'serve/x')?.newText,
      '# mlops-lens: ignore[serve/x] reason\n',
    );
  });

  it('is not offered where # is no comment', () => {
    assert.equal(
      ignoreCommentEdit(documentOf('model.json', '{\n  "a": 1\n}'), 1, 'registry/metadata-invalid'),
      undefined,
    );
    assert.equal(ignoreCommentEdit(documentOf('nb.ipynb', '{}'), 0, 'x/y'), undefined);
  });
});
