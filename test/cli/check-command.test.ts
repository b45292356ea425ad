/** Drives the real `mlops-lens` bin (the built bundle) against files in a temp folder. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/mlops-lens.js');
const require = createRequire(import.meta.url);

/** A training Job that is clean but for one GPU request without its limit (line 14). */
const MISSING_LIMIT = `apiVersion: batch/v1
kind: Job
metadata:
  name: train
spec:
  template:
    spec:
      containers:
        - name: train
          image: ghcr.io/acme/train:1.0.0
          terminationMessagePolicy: FallbackToLogsOnError
          resources:
            requests:
              nvidia.com/gpu: 1
              memory: 8Gi
            limits:
              memory: 8Gi
`;

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('mlops-lens check', () => {
  before(() => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('prints file:line:col severity rule-id message and a summary, exit 1', () => {
    const dir = workspace({ 'k8s/pod.yaml': MISSING_LIMIT });
    const { code, stdout } = run(['check', '.'], dir);
    assert.equal(code, 1);
    assert.match(stdout, /^k8s\/pod\.yaml:14:15 error gpu\/limits-missing nvidia\.com\/gpu is requested/m);
    assert.match(
      stdout,
      /1 problem \(1 error, 0 warnings, 0 information\) in 1 file checked; 1 fixable with --fix\./,
    );
  });

  it('honours .gitignore, skips node_modules, and --fail-on never exits 0', () => {
    const dir = workspace({
      '.gitignore': 'generated/\n',
      'generated/pod.yaml': MISSING_LIMIT,
      'node_modules/x/pod.yaml': MISSING_LIMIT,
      'ok.yaml': 'a: 1\n',
    });
    const { code, stdout } = run(['check', '.', '--fail-on', 'never'], dir);
    assert.equal(code, 0);
    assert.match(stdout, /0 problems .* in 1 file checked/);
  });

  it('--fix rewrites the file with the safe fixes and the re-check is clean', () => {
    const dir = workspace({ 'pod.yaml': MISSING_LIMIT });
    const first = run(['check', 'pod.yaml', '--fix'], dir);
    assert.equal(first.code, 0, first.stdout);
    assert.match(first.stdout, /1 fix applied/);
    assert.match(
      readFileSync(path.join(dir, 'pod.yaml'), 'utf8'),
      /limits:\n {14}memory: 8Gi\n {14}nvidia\.com\/gpu: 1\n$/,
    );
    assert.equal(run(['check', 'pod.yaml'], dir).code, 0);
  });

  it('reports a YAML syntax error at its place and keeps going', () => {
    const dir = workspace({ 'bad.yaml': 'a: [1, 2\nb: }\n', 'pod.yaml': MISSING_LIMIT });
    const { code, stdout } = run(['check', '.', '--format', 'json'], dir);
    assert.equal(code, 1);
    const output = JSON.parse(stdout) as {
      notes: Array<{ file: string; code: string }>;
      findings: unknown[];
    };
    assert.ok(output.notes.some((n) => n.file === 'bad.yaml' && n.code === 'parse-error'));
    assert.equal(output.findings.length, 1);
  });

  it('--config turns a rule off; a wrong config is reported at its place', () => {
    const dir = workspace({ 'pod.yaml': MISSING_LIMIT, 'off.yaml': 'rules:\n  gpu/limits-missing: off\n' });
    assert.equal(run(['check', 'pod.yaml', '--config', 'off.yaml'], dir).code, 0);
    const bad = workspace({
      'pod.yaml': MISSING_LIMIT,
      '.mlops-lens.yaml': 'rules:\n  gpu/limits-missing: loud\n',
    });
    const { stdout } = run(['check', '.'], bad);
    assert.match(stdout, /^\.mlops-lens\.yaml:2:23 error config-error /m);
  });

  it('each file uses its nearest .mlops-lens.yaml', () => {
    const dir = workspace({
      'quiet/.mlops-lens.yaml': 'rules:\n  gpu/limits-missing: off\n',
      'quiet/job.yaml': MISSING_LIMIT,
      'loud/job.yaml': MISSING_LIMIT,
    });
    const { stdout } = run(['check', '.'], dir);
    assert.match(stdout, /^loud\/job\.yaml:14:15 error gpu\/limits-missing/m);
    assert.doesNotMatch(stdout, /^quiet\//m);
  });

  it('usage errors exit 2 with a message', () => {
    const dir = workspace({});
    const { code, stderr } = run(['check', '.', '--format', 'xml'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /--format must be text, json or sarif/);
    assert.equal(run(['check', 'missing-dir'], dir).code, 2);
  });

  it('--format sarif validates against the official SARIF 2.1.0 schema, with rules, helpUri and fixes', () => {
    const dir = workspace({ 'pod.yaml': MISSING_LIMIT, 'bad.yaml': 'a: [\n' });
    const { stdout } = run(['check', '.', '--format', 'sarif'], dir);
    const log = JSON.parse(stdout) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ helpUri: string }> } };
        results: Array<{ fixes?: unknown[] }>;
      }>;
    };
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    // The official schema has one pattern that is only valid without the regex `u` flag.
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run0 = log.runs[0];
    assert.ok(run0 && run0.tool.driver.rules.every((r) => r.helpUri.startsWith('https://')));
    assert.ok(run0.results.some((r) => (r.fixes?.length ?? 0) > 0));
  });

  it('checks the bundled example project as SARIF that validates, with a finding from every manifest rule it shows', () => {
    const { code, stdout } = run(['check', 'examples/', '--format', 'sarif', '--fail-on', 'never'], root);
    assert.equal(code, 0);
    const log = JSON.parse(stdout) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(
      require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object,
    );
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const ruleIds = new Set(log.runs[0]?.results.map((r) => r.ruleId));
    for (const id of [
      'gpu/limits-missing',
      'gpu/non-integer',
      'gpu/compose-all-devices',
      'serve/mutable-image',
    ]) {
      assert.ok(ruleIds.has(id), `the example shows no ${id} finding`);
    }
  });

  it('analyses notebooks and reports at the exact place in the .ipynb JSON', () => {
    const { code, stdout } = run(['check', 'test/fixtures/cli/notebook-project', '--fail-on', 'never'], root);
    assert.equal(code, 0);
    // `scaler = StandardScaler()` is the 4th source line of the 2nd code cell: line 31 of the
    // JSON, where `StandardScaler` starts at column 15 (after the indentation and the quote).
    assert.match(stdout, /train\.ipynb:31:15 warning repro\/unsaved-preprocessor StandardScaler \(scaler\)/);
    assert.match(stdout, /train\.ipynb:28:11 warning repro\/unversioned-data pd\.read_csv/);
  });

  it('reports training-serving skew between the example training script and its service', () => {
    const { stdout } = run(['check', 'examples/churn', '--format', 'json', '--fail-on', 'never'], root);
    const findings = (
      JSON.parse(stdout) as {
        findings: Array<{ file: string; ruleId: string; message: string; related: unknown[] }>;
      }
    ).findings;
    const divergent = findings.find((f) => f.ruleId === 'skew/divergent-transform');
    assert.ok(divergent, 'no skew/divergent-transform finding');
    assert.equal(divergent.file, 'examples/churn/serve.py');
    assert.match(divergent.message, /income: training fills missing with 0, serving with 52000/);
    assert.ok(divergent.related.length > 0, 'the finding points at the training side too');
    assert.ok(
      findings.some(
        (f) => f.ruleId === 'skew/reimplemented-transform' && f.file === 'examples/churn/serve.py',
      ),
    );
  });
});
