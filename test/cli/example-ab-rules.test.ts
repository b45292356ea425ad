/**
 * The example project shows each A/B rule once, through the CLI, and the router still compiles
 * with python3 after each of its quick-fixes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { Analyzer } from '../../server/engine/analyzer.ts';
import type { TextEdit } from '../../server/engine/types.ts';
import { initPythonParser, PythonParser } from '../../server/python/parser/python-parser.ts';
import { PythonWorkspaceSession } from '../../server/python/python-workspace-session.ts';

const root = path.resolve(import.meta.dirname, '../..');
await initPythonParser();
const parser = new PythonParser();

interface JsonFinding {
  readonly file: string;
  readonly ruleId: string;
  readonly start: { line: number };
  readonly fixes: unknown[];
}

/** The edits of the first fix of the rule's first finding, from the engine (JSON output has titles only). */
function firstFixEdits(ruleId: string, uri: string, text: string): TextEdit[] {
  const python = new PythonWorkspaceSession(parser, { roots: ['file:///w'] });
  const analyzer = new Analyzer({ python });
  const finding = analyzer.analyze({ uri, text }).findings.find((f) => f.ruleId === ruleId);
  const edits = finding?.fixes[0]?.changes.find((c) => c.uri === uri)?.edits;
  assert.ok(edits, `a fix for ${ruleId} in ${uri}`);
  return [...edits];
}

function check(target: string): JsonFinding[] {
  const cli = path.join(root, 'bin/mlops-lens.js');
  const args = [cli, 'check', target, '--format', 'json', '--fail-on', 'never'];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

describe('the example project: one finding of each A/B rule', () => {
  let findings: JsonFinding[];
  const scratch = mkdtempSync(path.join(tmpdir(), 'mlops-lens-ab-example-'));

  before(() => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    findings = check('examples/churn');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const [ruleId, file, line] of [
    ['ab/per-request-assignment', 'examples/churn/ab_router.py', 39],
    ['ab/session-assignment', 'examples/churn/ab_router.py', 47],
    ['ab/no-sample-size', 'examples/churn/ab_test.yaml', 5],
  ] as const)
    it(`${ruleId} once, at ${file}:${line}, and its fix leaves a file that compiles (Python) or passes (YAML)`, () => {
      const shown = findings.filter((f) => f.ruleId === ruleId);
      assert.deepEqual(
        shown.map((f) => [f.file, f.start.line]),
        [[file, line]],
      );
      assert.equal(shown[0]?.fixes.length, 1, 'with a quick-fix');
      const text = readFileSync(path.join(root, file), 'utf8');
      const fixed = applyEdits(text, firstFixEdits(ruleId, `file:///w/${path.basename(file)}`, text)).text;
      const copy = path.join(scratch, path.basename(file));
      writeFileSync(copy, fixed);
      if (file.endsWith('.yaml')) {
        assert.deepEqual(check(copy), [], fixed);
        return;
      }
      const compiled = spawnSync('python3', ['-m', 'py_compile', copy], { encoding: 'utf8' });
      assert.equal(compiled.status, 0, `${compiled.stderr}\n${fixed}`);
      assert.ok(!check(copy).some((f) => f.ruleId === ruleId), fixed);
    });

  it('the A/B findings leave the example’s other findings alone (none in the new files)', () => {
    const inNewFiles = findings.filter((f) => /ab_router\.py|ab_test\.yaml/.test(f.file));
    assert.deepEqual(inNewFiles.map((f) => f.ruleId).sort(), [
      'ab/no-sample-size',
      'ab/per-request-assignment',
      'ab/session-assignment',
    ]);
  });
});
