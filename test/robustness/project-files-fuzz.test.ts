/**
 * Bad input never crashes the readers of project files or the cross-file rules: the workspace
 * fixtures of requirements, pyproject.toml, Dockerfiles, .dvc/config and READMEs, mutated
 * (truncations, byte flips, structural characters, CRLF, NULs, duplicated and deleted lines)
 * file by file, each analysed with the mutated workspace around it, and every fix applied.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { fileKindOf } from '../../server/engine/file-kind.ts';
import { workspaceFromTexts } from '../../server/engine/workspace-view.ts';
import { seededRandom as prng } from './seeded-random.ts';

const root = path.resolve(import.meta.dirname, '../..');
const FOLDERS = ['repro/unpinned-requirements', 'repro/shared-train-serve-deps', 'dvc'];
const STRUCTURAL = [
  '\\\n',
  '[',
  ']',
  '"',
  "'",
  '=',
  '#',
  ';',
  '&&',
  '-r ',
  '\r\n',
  '\0',
  '@',
  '\n[[package]]\n',
];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 6)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + STRUCTURAL[Math.floor(random() * STRUCTURAL.length)]! + text.slice(at);
    case 3:
      return text.replace(/\n/g, '\r\n');
    case 4: {
      const lines = text.split('\n');
      const line = Math.floor(random() * lines.length);
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    }
    default: {
      const lines = text.split('\n');
      lines.splice(Math.floor(random() * lines.length), 1);
      return lines.join('\n');
    }
  }
}

/** Every workspace fixture folder (`positive-*`, `negative-*`) of the cross-file rules. */
function workspaces(): Array<Map<string, string>> {
  const out: Array<Map<string, string>> = [];
  const read = (dir: string, prefix: string, texts: Map<string, string>): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) read(full, `${prefix}/${name}`, texts);
      else if (!name.endsWith('.expect')) texts.set(`file:///w${prefix}/${name}`, readFileSync(full, 'utf8'));
    }
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (!statSync(full).isDirectory()) continue;
      if (/^(positive|negative)/.test(name)) {
        const texts = new Map<string, string>();
        read(full, '', texts);
        out.push(texts);
      } else walk(full);
    }
  };
  for (const folder of FOLDERS) walk(path.join(root, 'test/fixtures/rules', folder));
  return out;
}

describe('project files under mutation', () => {
  it('analyse without throwing, and every fix applies', () => {
    const random = prng(20261125);
    const seeds = workspaces();
    assert.ok(seeds.length >= 10, 'expected the cross-file workspace fixtures');
    let reported = 0;
    for (let round = 0; round < 300; round++) {
      const texts = new Map(seeds[round % seeds.length]);
      for (const [uri, text] of texts)
        if (random() < 0.6) texts.set(uri, mutate(mutate(text, random), random));
      const analyzer = new Analyzer({ workspace: workspaceFromTexts('file:///w', texts) });
      for (const [uri, text] of texts) {
        if (fileKindOf(uri) === undefined) continue;
        const findings = analyzer.analyze({ uri, text }).findings;
        reported += findings.length;
        for (const fix of findings.flatMap((f) => f.fixes))
          for (const change of fix.changes) applyEdits(texts.get(change.uri) ?? '', change.edits);
      }
    }
    assert.ok(reported > 100, `the mutated workspaces still exercise the rules (${reported} findings)`);
  });
});
