/**
 * Cross-file rules through the real `mlops-lens check` bin: the CLI gives each configuration
 * group a view of its workspace, so a rule on one file reads the lockfile, the copied
 * requirements or the README beside it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/mlops-lens.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-cross-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const PROJECT = {
  'requirements.txt': 'pandas>=1.5\nfastapi==0.110.1\njupyter==1.0.0\n',
  'requirements.lock': 'pandas==2.2.2\nfastapi==0.110.1\njupyter==1.0.0\n',
  Dockerfile:
    'FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["uvicorn", "serve:app"]\n',
  '.dvc/config': '[\'remote "storage"\']\n    url = s3://acme-ml/churn\n',
  'data/customers.csv.dvc': 'outs:\n- md5: 0\n  path: customers.csv\n',
  'README.md': '# Churn\n\nTrains the churn model.\n',
};

describe('mlops-lens check: cross-file rules', () => {
  before(() => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('reads the lockfile, the copied requirements and the README through the workspace', () => {
    const dir = workspace(PROJECT);
    const { stdout } = run(['check', '.', '--fail-on', 'never'], dir);
    assert.match(
      stdout,
      /^requirements\.txt:1:1 information repro\/unpinned-requirements pandas allows >=1\.5, not one exact version; requirements\.lock locks 2\.2\.2\./m,
    );
    assert.match(
      stdout,
      /^Dockerfile:3:20 information repro\/shared-train-serve-deps The serving image \(CMD runs uvicorn\) installs requirements\.txt, which holds training-only packages: jupyter\./m,
    );
    assert.match(stdout, /^README\.md:1:1 information dvc\/remote-undocumented /m);
  });

  it('--fix pins from the lockfile and documents the remote; the re-check is clean of both', () => {
    const dir = workspace(PROJECT);
    run(['check', '.', '--fix', '--fail-on', 'never'], dir);
    assert.equal(readFileSync(path.join(dir, 'requirements.txt'), 'utf8').split('\n')[0], 'pandas==2.2.2');
    assert.match(readFileSync(path.join(dir, 'README.md'), 'utf8'), /## Data[\s\S]*dvc pull/);
    const { stdout } = run(['check', '.', '--fail-on', 'never'], dir);
    assert.doesNotMatch(stdout, /repro\/unpinned-requirements|dvc\/remote-undocumented/);
    // The split fix spans three files and is not safe: --fix leaves it to the editor.
    assert.match(stdout, /repro\/shared-train-serve-deps/);
  });

  it('without a lockfile the finding says there is no fix and --fix changes nothing', () => {
    const dir = workspace({ 'requirements.txt': 'pandas>=1.5\n' });
    const { stdout } = run(['check', '.', '--fix', '--fail-on', 'never'], dir);
    assert.match(stdout, /no automatic fix: no lockfile in the workspace says which version/);
    assert.equal(readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), 'pandas>=1.5\n');
  });

  it('the example project shows each cross-file rule once', () => {
    const { stdout } = run(['check', 'examples/churn', '--format', 'json', '--fail-on', 'never'], root);
    const result = JSON.parse(stdout) as { findings: Array<{ ruleId: string }> };
    for (const id of [
      'repro/unpinned-requirements',
      'repro/shared-train-serve-deps',
      'dvc/remote-credentials-in-repo',
      'dvc/remote-undocumented',
    ])
      assert.equal(result.findings.filter((f) => f.ruleId === id).length, 1, `${id} in examples/churn`);
  });
});
