import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { IncrementalAnalysis } from '../../server/lsp/incremental-analysis.ts';
import { splitYamlDocuments } from '../../server/lsp/yaml-document-chunks.ts';
import { ROOT } from './lsp-session.ts';

const URI = 'file:///w/k8s/all.yaml';

function fixtureManifests(): string[] {
  const root = path.join(ROOT, 'test', 'fixtures', 'rules');
  const texts: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name) && !/values/.test(entry.name))
        texts.push(readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return texts;
}

/** Every rule fixture in one multi-document file: findings in many documents. */
const CORPUS = fixtureManifests()
  .map((text) => text.replace(/^---\n/, '').trimEnd())
  .join('\n---\n');

function sameAsWhole(incremental: IncrementalAnalysis, analyzer: Analyzer, text: string): void {
  assert.deepEqual(incremental.analyze(URI, text), analyzer.analyze({ uri: URI, text }));
}

describe('IncrementalAnalysis', () => {
  it('has a corpus with several documents and findings', () => {
    const analyzer = new Analyzer();
    assert.ok((splitYamlDocuments(URI, CORPUS)?.length ?? 0) > 3);
    assert.ok(analyzer.analyze({ uri: URI, text: CORPUS }).findings.length > 3);
  });

  it('gives exactly the whole-file result, before and after edits anywhere', () => {
    const analyzer = new Analyzer();
    const incremental = new IncrementalAnalysis(analyzer);
    let text = CORPUS;
    sameAsWhole(incremental, analyzer, text);
    const lines = text.split('\n');
    // Edits that change findings, positions and document boundaries, one after another.
    const edits: Array<(l: string[]) => void> = [
      (l) => l.splice(3, 0, '# a comment that moves everything below'),
      (l) => l.splice(l.length >> 1, 1),
      (l) => l.splice(l.indexOf('---', 5), 1),
      (l) => l.splice(l.length - 3, 0, '---', 'kind: ConfigMap', 'metadata: {name: x}', '---'),
      (l) => l.splice(7, 0, 'broken: [unclosed'),
      (l) => l.splice(7, 1),
      (l) => l.push('---', 'a: &x 1', 'b: *x'),
    ];
    for (const edit of edits) {
      edit(lines);
      text = lines.join('\n');
      sameAsWhole(incremental, analyzer, text);
    }
  });

  it('keeps CRLF line endings and the suppression comments working per document', () => {
    const analyzer = new Analyzer();
    const crlf = CORPUS.replace(/\n/g, '\r\n');
    sameAsWhole(new IncrementalAnalysis(analyzer), analyzer, crlf);
  });

  it('analyses whole what cannot be split safely', () => {
    assert.equal(splitYamlDocuments(URI, 'a: 1\n'), undefined, 'one document');
    assert.equal(splitYamlDocuments(URI, '%YAML 1.2\n---\na: 1\n---\nb: 2\n'), undefined, 'directives');
    assert.equal(
      splitYamlDocuments('file:///w/chart/values.yaml', 'a: 1\n---\nb: 2\n'),
      undefined,
      'Helm values',
    );
    assert.equal(
      splitYamlDocuments(URI, '{{- if .Values.x }}\na: 1\n---\nb: 2\n{{- end }}\n'),
      undefined,
      'Helm',
    );
    assert.equal(splitYamlDocuments('file:///w/a.json', '{}\n---\n{}'), undefined, 'not YAML');
    assert.deepEqual(splitYamlDocuments(URI, 'a: 1\n---\nb: 2\n--- # c\nc: 3'), [
      { text: 'a: 1\n', startLine: 0 },
      { text: '---\nb: 2\n', startLine: 1 },
      { text: '--- # c\nc: 3', startLine: 3 },
    ]);
    assert.equal(splitYamlDocuments(URI, 'a: |\n  ---\n  not a marker\n'), undefined, 'indented dashes');
  });
});
