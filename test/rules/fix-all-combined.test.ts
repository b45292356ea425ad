/**
 * "Fix all" across every rule at once, as `check --fix` and the editor's source.fixAll do: the
 * fixes of different rules touch the same container (a probe, a policy, a memory limit), and the
 * result must still be valid YAML with each key once.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { fixAll } from '../../server/engine/fix-all.ts';

const root = path.resolve(import.meta.dirname, '../..');

function manifests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...manifests(full));
    else if (
      /^(values-)?(positive|negative)[^.]*\.ya?ml$|^[a-z-]+\.ya?ml$/.test(name) &&
      !name.includes('config')
    )
      out.push(full);
  }
  return out;
}

describe('fix all, every rule together', () => {
  const files = [
    ...manifests(path.join(root, 'test/fixtures/rules/gpu')),
    ...manifests(path.join(root, 'examples')),
  ];
  for (const file of files) {
    it(`${path.relative(root, file)} stays valid YAML`, () => {
      const text = readFileSync(file, 'utf8');
      const uri = `file:///w/${path.basename(file)}`;
      for (const includeUnsafe of [false, true]) {
        const fixed = fixAll(new Analyzer(), { uri, text }, { includeUnsafe }).text;
        for (const doc of parseAllDocuments(fixed))
          assert.deepEqual(
            doc.errors.map((e) => e.message.split('\n')[0]),
            [],
            `${includeUnsafe ? 'all' : 'safe'} fixes broke the YAML:\n${fixed}`,
          );
      }
    });
  }
});
