import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import type { TextEdit } from '../../server/engine/types.ts';
import { placeholderSnippet } from '../../server/lsp/placeholder-snippet.ts';

const URI = 'file:///w/serve.yaml';
const at = (line: number, character: number) => ({ line, character });

/** What a client inserts for a snippet when the user accepts the default: the plain text. */
function snippetText(value: string): string {
  return value.replace(/\$\{1:((?:\\.|[^}\\])*)\}/, '$1').replace(/\\([$}\\])/g, '$1');
}

describe('placeholderSnippet', () => {
  it('turns the placeholder into the first tab stop, on the same line', () => {
    const edit: TextEdit = { range: { start: at(8, 17), end: at(8, 33) }, newText: 'vllm/vllm-openai:<tag>' };
    const snippet = placeholderSnippet(URI, [edit], {
      uri: URI,
      range: { start: at(8, 34), end: at(8, 39) },
    });
    assert.deepEqual(snippet, {
      range: edit.range,
      snippet: { kind: 'snippet', value: 'vllm/vllm-openai:${1:<tag>}' },
    });
  });

  it('finds a placeholder on a later line of the new text and escapes snippet syntax around it', () => {
    const edit: TextEdit = {
      range: { start: at(3, 10), end: at(3, 10) },
      newText: '\n  cmd: echo $HOME}\n  tag: <tag>',
    };
    const snippet = placeholderSnippet(URI, [edit], { uri: URI, range: { start: at(5, 7), end: at(5, 12) } });
    assert.equal(snippet?.snippet.value, '\n  cmd: echo \\$HOME\\}\n  tag: ${1:<tag>}');
    assert.equal(snippetText(snippet.snippet.value), edit.newText);
  });

  it('gives up where it cannot map the placeholder', () => {
    const edit: TextEdit = { range: { start: at(0, 0), end: at(0, 0) }, newText: 'abc' };
    assert.equal(placeholderSnippet(URI, [edit], undefined), undefined);
    assert.equal(
      placeholderSnippet(URI, [edit, edit], { uri: URI, range: { start: at(0, 0), end: at(0, 1) } }),
      undefined,
    );
    assert.equal(
      placeholderSnippet(URI, [edit], { uri: 'file:///other', range: { start: at(0, 0), end: at(0, 1) } }),
      undefined,
    );
    assert.equal(
      placeholderSnippet(URI, [edit], { uri: URI, range: { start: at(0, 2), end: at(0, 9) } }),
      undefined,
    );
  });

  it("maps every placeholder the rules write to a snippet that inserts the fix's own text", () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: server',
      '          image: vllm/vllm-openai',
      '',
    ].join('\n');
    const fixes = new Analyzer()
      .analyze({ uri: URI, text })
      .findings.flatMap((finding) => finding.fixes)
      .filter((fix) => fix.placeholder);
    assert.ok(fixes.length > 0, 'some rule writes a placeholder for this manifest');
    for (const fix of fixes) {
      const edits = fix.changes.flatMap((change) => change.edits);
      const snippet = placeholderSnippet(URI, edits, fix.placeholder);
      assert.ok(snippet, fix.title);
      const plain = applyEdits(text, edits).text;
      assert.equal(
        applyEdits(text, [{ range: snippet.range, newText: snippetText(snippet.snippet.value) }]).text,
        plain,
      );
    }
  });
});
