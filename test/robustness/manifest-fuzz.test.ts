/**
 * Bad input never crashes or hangs the engine: thousands of mutated manifests (truncations,
 * byte flips, structural characters, tabs, NULs, duplicated and deleted lines), alias bombs,
 * deep nesting and oversized files. Each must analyse without throwing, within a generous bound.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { seededRandom as prng } from './seeded-random.ts';

const root = path.resolve(import.meta.dirname, '../..');
const PER_FILE_BOUND_MS = 2000;

function seedManifests(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(root, 'test/fixtures/rules'));
  walk(path.join(root, 'examples'));
  return out;
}

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  '&a ',
  '*a',
  '<<: *a',
  '---',
  '\t',
  '\0',
  '"',
  "'",
  '|',
  '>',
  '#',
  '%YAML 1.1',
  '!!binary ',
  '?',
  '\uFEFF',
  '\r',
];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 7)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + (TOKENS[Math.floor(random() * TOKENS.length)] ?? '') + text.slice(at);
    case 3: {
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 4: {
      const lines = text.split('\n');
      lines.splice(Math.floor(random() * lines.length), 1);
      return lines.join('\n');
    }
    case 5:
      return text.replace(/ {2}/g, random() < 0.5 ? '\t' : ' ');
    default:
      return text.slice(at) + text.slice(0, at);
  }
}

function analyzeWithinBound(analyzer: Analyzer, uri: string, text: string, label: string): void {
  const start = performance.now();
  assert.doesNotThrow(() => analyzer.analyze({ uri, text }), label);
  const elapsed = performance.now() - start;
  assert.ok(elapsed < PER_FILE_BOUND_MS, `${label}: took ${elapsed.toFixed(0)} ms`);
}

describe('manifest robustness', () => {
  const analyzer = new Analyzer({
    config: {
      uri: undefined,
      config: { cluster: { gpuProducts: ['NVIDIA-H100-80GB-HBM3'], migStrategy: 'mixed' } },
      notes: [],
    },
  });
  const seeds = seedManifests();

  it('has seed manifests', () => assert.ok(seeds.length >= 5));

  it('survives 3,000 mutated manifests', () => {
    const random = prng(20261125);
    for (let i = 0; i < 3000; i++) {
      let text = seeds[i % seeds.length] ?? '';
      const rounds = 1 + Math.floor(random() * 4);
      for (let r = 0; r < rounds; r++) text = mutate(text, random);
      const uri =
        i % 5 === 0
          ? `file:///w/chart/values.yaml`
          : i % 7 === 0
            ? 'file:///w/docker-compose.yaml'
            : `file:///w/m${i}.yaml`;
      analyzeWithinBound(analyzer, uri, text, `mutant #${i}`);
    }
  });

  it('refuses an alias bomb with a note instead of expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n${levels.join('\n')}\nspec:\n  containers:\n    - name: c\n      image: x:1\n      env: *j\n`;
    analyzeWithinBound(analyzer, 'file:///w/bomb.yaml', text, 'billion laughs');
    const many = `x: &x 1\nitems: [${Array(5000).fill('*x').join(',')}]\n`;
    const result = analyzer.analyze({ uri: 'file:///w/many.yaml', text: many });
    assert.ok(result.notes.some((n) => n.code === 'limit' && /alias/.test(n.message)));
  });

  it('handles deep nesting, binary data, an empty file and a huge file', () => {
    analyzeWithinBound(
      analyzer,
      'file:///w/deep.yaml',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      'deep flow nesting',
    );
    analyzeWithinBound(
      analyzer,
      'file:///w/deep2.yaml',
      Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
      'deep block nesting',
    );
    const binary = analyzer.analyze({ uri: 'file:///w/bin.yaml', text: 'PK\u0003\u0004\u0000\u0000garbage' });
    assert.ok(binary.notes.some((n) => n.code === 'skipped'));
    assert.deepEqual(analyzer.analyze({ uri: 'file:///w/empty.yaml', text: '' }).findings, []);
    const huge = analyzer.analyze({ uri: 'file:///w/huge.yaml', text: 'a: 1\n'.repeat(2_000_000) });
    assert.ok(huge.notes.some((n) => n.code === 'limit'));
  });

  it('skips Helm templates with an information note', () => {
    const result = analyzer.analyze({
      uri: 'file:///w/chart/templates/deployment.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n{{- if .Values.gpu }}\n',
    });
    assert.deepEqual(result.findings, []);
    assert.ok(
      result.notes.some(
        (n) => n.code === 'skipped' && n.severity === 'information' && /Helm template/.test(n.message),
      ),
    );
  });
});
