/** Every rule the product reports is documented: a docs page, and a row in the README's table. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PYTHON_RULES } from '../../server/python/rules/python-rules.ts';
import { ALL_RULES } from '../../server/rules/registry.ts';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('rule catalog', () => {
  const rules = [...ALL_RULES, ...PYTHON_RULES];

  it('has unique rule ids in area/kebab-name form', () => {
    const ids = rules.map((rule) => rule.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+\/[a-z0-9-]+$/);
  });

  for (const rule of rules) {
    it(`${rule.meta.id}: docs page and README row`, () => {
      const page = path.join(root, 'docs', 'rules', `${rule.meta.id}.md`);
      assert.ok(existsSync(page), `missing ${page}`);
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${rule.meta.id}\``));
      assert.ok(row, `README has no row for ${rule.meta.id}`);
      assert.ok(
        row.includes(rule.meta.defaultSeverity),
        `README row of ${rule.meta.id} does not say ${rule.meta.defaultSeverity}`,
      );
    });
  }
});
