/**
 * Every rule has a fixture folder `test/fixtures/rules/<rule-id>/` with `positive.*` and
 * `negative.*` files (more `positive-*.` / `negative-*.` files allowed), an optional
 * `<name>.fixed.<ext>` golden file per positive fixture, an optional `config.yaml` used as
 * the workspace configuration (a `<name>.config.yaml` beside a fixture overrides it for that
 * fixture), and a docs page `docs/rules/<rule-id>.md`. Fixtures named `values-positive*.yaml` /
 * `values-negative*.yaml` are checked as Helm values files. A `positive-*` / `negative-*`
 * folder is a small workspace for cross-file rules (see workspace-fixture.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { loadConfig } from '../../server/config/load-config.ts';
import type { AnalyzerOptions } from '../../server/engine/analyzer.ts';
import { ALL_RULES } from '../../server/rules/registry.ts';
import {
  expectMarkedFindings,
  fixAllOf,
  parseExpectations,
  parseSidecarExpectations,
} from './rule-tester.ts';
import { workspaceFixtureTests } from './workspace-fixture.ts';

const root = path.resolve(import.meta.dirname, '../..');

for (const rule of ALL_RULES) {
  const id = rule.meta.id;
  const dir = path.join(root, 'test/fixtures/rules', id);
  describe(id, () => {
    it('has fixtures and a docs page', () => {
      assert.ok(existsSync(dir), `missing fixture folder ${dir}`);
      const files = readdirSync(dir);
      assert.ok(
        files.some((f) => f.startsWith('positive')),
        'no positive fixture',
      );
      assert.ok(
        files.some((f) => f.startsWith('negative')),
        'no negative fixture',
      );
      const docs = path.join(root, 'docs/rules', `${id}.md`);
      assert.ok(existsSync(docs), `missing docs page ${docs}`);
      const page = readFileSync(docs, 'utf8');
      for (const heading of ['## Why', '## How to fix', '## Examples'])
        assert.ok(page.includes(heading), `docs page lacks "${heading}"`);
    });
    if (!existsSync(dir)) return;
    const optionsFor = (name: string): AnalyzerOptions => {
      const own = path.join(dir, `${name.split('.')[0]}.config.yaml`);
      const shared = path.join(dir, 'config.yaml');
      const configPath = existsSync(own) ? own : shared;
      if (!existsSync(configPath)) return { workspaceRoot: 'file:///w' };
      const config = loadConfig('file:///w/.mlops-lens.yaml', readFileSync(configPath, 'utf8'));
      assert.deepEqual(config.notes, [], `${configPath} is not a valid configuration`);
      return { config, workspaceRoot: 'file:///w' };
    };
    const fixtures = readdirSync(dir).filter(
      (f) =>
        /^(values-)?(positive|negative)/.test(f) &&
        !f.includes('.fixed.') &&
        !f.endsWith('.fixed') &&
        !f.includes('.config.') &&
        !f.endsWith('.expect'),
    );
    for (const name of fixtures) {
      if (statSync(path.join(dir, name)).isDirectory()) {
        workspaceFixtureTests(dir, name, id, optionsFor(name));
        continue;
      }
      const text = readFileSync(path.join(dir, name), 'utf8');
      const kind = name.replace(/^values-/, '');
      const document = { uri: `file:///w/${name}`, text };
      const options = optionsFor(name);
      // JSON has no comments: its expectations live in a sidecar `<name>.expect` file.
      const sidecar = path.join(dir, `${name}.expect`);
      const marked = existsSync(sidecar)
        ? parseSidecarExpectations(readFileSync(sidecar, 'utf8'))
        : parseExpectations(text);
      it(`${name}: reports exactly the marked findings`, () => {
        const expected = marked.filter((e) => e.ruleId === id);
        if (kind.startsWith('positive'))
          assert.ok(expected.length > 0, 'a positive fixture must mark findings');
        else assert.equal(expected.length, 0, 'a negative fixture must not mark findings');
        expectMarkedFindings(document, id, options, marked);
      });
      if (!kind.startsWith('positive')) continue;
      it(`${name}: fixes apply, stay valid and clear the findings`, () => {
        const findings = new Analyzer(options).analyze(document).findings.filter((f) => f.ruleId === id);
        if (findings.every((f) => f.fixes.length === 0)) return;
        const fixed = fixAllOf(document, id, options);
        assert.notEqual(fixed, text, 'fixes changed nothing');
        const golden = path.join(dir, name.replace(/\.([a-z]+)$/, '.fixed.$1'));
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, fixed);
        assert.ok(
          existsSync(golden),
          `missing golden file ${golden} (run with UPDATE_GOLDEN=1 and review it)`,
        );
        assert.equal(fixed, readFileSync(golden, 'utf8'));
        if (/\.ya?ml$/.test(name)) {
          for (const doc of parseAllDocuments(fixed))
            assert.deepEqual(doc.errors, [], 'fixed YAML does not parse');
        }
        if (name.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(fixed), 'fixed JSON does not parse');
        const remaining = new Analyzer(options)
          .analyze({ uri: document.uri, text: fixed })
          .findings.filter((f) => f.ruleId === id);
        const fixable = remaining.filter((f) => f.fixes.length > 0);
        assert.deepEqual(
          fixable.map((f) => f.message),
          [],
          'fixable findings remain after fixing',
        );
      });
    }
  });
}
