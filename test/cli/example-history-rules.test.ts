/** The example project shows skew/point-in-time-join and repro/autolog-volume once each, through the CLI. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { before, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');

describe('mlops-lens check on the example project: point-in-time joins and logging volume', () => {
  let findings: Array<{ file: string; ruleId: string; start: { line: number }; fixes: unknown[] }>;

  before(() => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, 'bin/mlops-lens.js'),
        'check',
        'examples/churn',
        '--format',
        'json',
        '--fail-on',
        'never',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    findings = (JSON.parse(result.stdout) as { findings: typeof findings }).findings;
  });

  for (const [ruleId, file, line] of [
    ['skew/point-in-time-join', 'examples/churn/build_training_table.py', 14],
    ['repro/autolog-volume', 'examples/churn/tune.py', 36],
  ] as const)
    it(`${ruleId} once, at ${file}:${line}, with a quick-fix`, () => {
      const shown = findings.filter((f) => f.ruleId === ruleId);
      assert.deepEqual(
        shown.map((f) => [f.file, f.start.line]),
        [[file, line]],
      );
      assert.equal(shown[0]?.fixes.length, 1);
    });
});
