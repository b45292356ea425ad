/**
 * The generated CI workflow: valid against the GitHub workflow JSON schema (SchemaStore's
 * github-workflow.json, as @action-validator/core ships it), actions pinned to commit SHAs,
 * training and serving dependencies in separate jobs, and a contract check that really runs.
 */
import { validateWorkflow } from '@action-validator/core';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CI_WORKFLOW_PATH, ciWorkflowYaml } from '../../extension/ci-workflow/ci-workflow.ts';
import { planCiWorkflow, savedModelPath } from '../../extension/ci-workflow/ci-workflow-plan.ts';
import { CONTRACT_CHECK_SCRIPT } from '../../extension/ci-workflow/contract-check-script.ts';
import { PINNED_ACTIONS } from '../../extension/ci-workflow/pinned-actions.ts';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/churn');

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out;
}

function examplePlan() {
  return planCiWorkflow(filesUnder(EXAMPLE), (f) => readFileSync(path.join(EXAMPLE, f), 'utf8'), {
    lens: '0.1.0',
  });
}

interface Job {
  readonly needs?: string | string[];
  readonly permissions?: Record<string, string>;
  readonly steps: {
    name?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
    'working-directory'?: string;
  }[];
}

function jobsOf(text: string): Record<string, Job> {
  return (parse(text) as { jobs: Record<string, Job> }).jobs;
}

function assertValid(text: string): void {
  const state = validateWorkflow(text);
  assert.deepEqual(state.errors, [], `schema errors:\n${JSON.stringify(state.errors, null, 1)}\n${text}`);
}

/** A workspace given as path → text. */
function planOf(files: Record<string, string>) {
  return planCiWorkflow(Object.keys(files), (f) => files[f], { lens: '0.1.0', python: '3.11' });
}

const METADATA = JSON.stringify({
  $schema: 'https://mlops-lens.dev/schemas/ModelRegistryMetadata.json',
  model_name: 'fraud',
  version: '7',
  artifact_uri: 's3://models/fraud/7',
  framework: { name: 'scikit-learn', version: '1.5.2' },
  signature: {
    inputs: [
      { name: 'amount', type: 'double' },
      { name: 'merchant', type: 'string' },
      { name: 'hour', type: 'long' },
    ],
    outputs: [{ name: 'fraud_probability', type: 'double' }],
  },
  provenance: { git_commit: 'abc1234', dataset_snapshot_uri: 's3://data/fraud/2026-11-01' },
});

describe('the CI workflow for the example project', () => {
  const text = ciWorkflowYaml(examplePlan());

  it('is valid against the GitHub workflow schema', () => {
    assertValid(text);
  });

  it('has the four jobs, the scorecard gate after the others', () => {
    const jobs = jobsOf(text);
    assert.deepEqual(Object.keys(jobs), ['check', 'train-smoke', 'contract', 'scorecard']);
    assert.deepEqual(jobs.scorecard?.needs, ['check', 'train-smoke', 'contract']);
    assert.equal(jobs.contract?.needs, 'train-smoke');
    const gate = jobs.scorecard?.steps.at(-1);
    assert.equal(
      gate?.run,
      'npx --yes mlops-lens@0.1.0 scorecard churn@3 --fail-under 80 --data-dir "$MLOPS_LENS_DATA_DIR"',
    );
    // It runs only where the registry's daemon is reachable, on the runner the repository names.
    assert.deepEqual(gate?.env, { MLOPS_LENS_DATA_DIR: '${{ vars.MLOPS_LENS_DATA_DIR }}' });
    const job = jobs.scorecard as unknown as Record<string, string>;
    assert.equal(job.if, "vars.MLOPS_LENS_DATA_DIR != ''");
    assert.equal(job['runs-on'], "${{ vars.MLOPS_LENS_RUNNER || 'ubuntu-latest' }}");
  });

  it('uploads the SARIF of mlops-lens check to code scanning', () => {
    const check = jobsOf(text).check;
    assert.ok(check);
    assert.deepEqual(check.permissions, { contents: 'read', 'security-events': 'write' });
    const analyse = check.steps.find((s) => s.run?.includes('--format sarif'));
    assert.match(
      analyse?.run ?? '',
      /mlops-lens@0\.1\.0 check \. --format sarif --fail-on never > mlops-lens\.sarif$/,
    );
    const upload = check.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.with?.sarif_file, 'mlops-lens.sarif');
  });

  it('pins every action to a full commit SHA with its tag as a comment', () => {
    const uses = [...text.matchAll(/uses: (\S+)(.*)$/gm)];
    assert.ok(uses.length >= 8);
    const pins = new Map<string, { tag: string }>(Object.values(PINNED_ACTIONS).map((p) => [p.action, p]));
    for (const [, reference = '', comment = ''] of uses) {
      const [action = '', sha = ''] = reference.split('@');
      assert.match(sha, /^[0-9a-f]{40}$/, reference);
      assert.equal(comment, ` # ${pins.get(action)?.tag ?? '?'}`, reference);
    }
  });

  it('trains on the example with its model path, and hands the model to the contract job', () => {
    const jobs = jobsOf(text);
    const train = jobs['train-smoke']?.steps.find((s) => s.run === 'python train.py');
    assert.ok(train);
    const keep = jobs['train-smoke']?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(keep?.with?.path, 'artifacts/model.joblib');
    const check = jobs.contract?.steps.at(-1);
    assert.deepEqual(check?.env, {
      MODEL_METADATA: 'models/churn-3.json',
      MODEL_ARTIFACT: 'artifacts/model.joblib',
    });
    assert.ok(check?.run?.startsWith("python - <<'PY'\n"));
  });
});

describe('planning from a workspace', () => {
  const files = {
    'services/fraud/train_model.py':
      'import joblib\nfrom pathlib import Path\nOUT = Path("out")\nMODEL = OUT / "fraud.joblib"\njoblib.dump(clf, MODEL)\n',
    'services/fraud/requirements-train.txt': 'scikit-learn==1.5.2\njupyterlab==4.2.5\n',
    'services/fraud/requirements-serve.txt': 'scikit-learn==1.5.2\nfastapi==0.115.0\n',
    'services/fraud/fraud.model-registry-metadata.json': METADATA,
    'tests/train_fixture.py': 'joblib.dump(x, "nope.joblib")\n',
    'node_modules/x/train.py': '',
  };

  it('finds the script, both requirements, the saved model and the metadata', () => {
    assert.deepEqual(planOf(files), {
      lensVersion: '0.1.0',
      pythonVersion: '3.11',
      training: {
        script: 'services/fraud/train_model.py',
        workingDirectory: 'services/fraud',
        requirements: 'services/fraud/requirements-train.txt',
        modelPath: 'services/fraud/out/fraud.joblib',
      },
      servingRequirements: 'services/fraud/requirements-serve.txt',
      metadata: { path: 'services/fraud/fraud.model-registry-metadata.json', model: 'fraud', version: '7' },
    });
  });

  it('installs training and serving dependencies in separate jobs, never both in one', () => {
    const text = ciWorkflowYaml(planOf(files));
    assertValid(text);
    const jobs = jobsOf(text);
    const installs = (job: string) =>
      (jobs[job]?.steps ?? []).flatMap((s) => (s.run?.startsWith('python -m pip install') ? [s.run] : []));
    assert.deepEqual(installs('train-smoke'), [
      'python -m pip install -r services/fraud/requirements-train.txt',
    ]);
    assert.deepEqual(installs('contract'), [
      'python -m pip install -r services/fraud/requirements-serve.txt',
    ]);
    const run = jobs['train-smoke']?.steps.find((s) => s.run === 'python train_model.py');
    assert.equal(run?.['working-directory'], 'services/fraud');
  });

  it('reads the saved model path through constants, os.path.join and Path', () => {
    assert.equal(savedModelPath('joblib.dump(m, "a/b.joblib")'), 'a/b.joblib');
    assert.equal(savedModelPath('D = "art"\nP = os.path.join(D, "m.pkl")\npickle.dump(m, P)'), 'art/m.pkl');
    assert.equal(savedModelPath('torch.save(net.state_dict(), CKPT)'), undefined);
    assert.equal(savedModelPath('print("no save")'), undefined);
  });

  it('a workspace without training or metadata gets the analysis job alone, still valid', () => {
    const text = ciWorkflowYaml(planOf({ 'k8s/serve.yaml': 'kind: Deployment\n' }));
    assertValid(text);
    assert.deepEqual(Object.keys(jobsOf(text)), ['check']);
  });

  it('a training job without a requirements file fails with a message instead of installing nothing', () => {
    const text = ciWorkflowYaml(planOf({ 'train.py': 'print(1)\n' }));
    assertValid(text);
    const install = jobsOf(text)['train-smoke']?.steps.find(
      (s) => s.name === 'Install the training dependencies',
    );
    assert.match(install?.run ?? '', /No training requirements file was found[\s\S]*exit 1$/);
  });

  it('the schema check is real: a job without runs-on is refused', () => {
    const broken = ciWorkflowYaml(planOf(files)).replace(/^ {4}runs-on: ubuntu-latest\n/m, '');
    assert.notDeepEqual(validateWorkflow(broken).errors, []);
  });

  it(`writes to ${CI_WORKFLOW_PATH}`, () => {
    assert.equal(CI_WORKFLOW_PATH, '.github/workflows/mlops-lens.yml');
  });
});

const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);

describe('the inference contract check, run by Python', { skip: python === undefined }, () => {
  /** A pickled model whose predict returns `width` values per row. */
  function run(width: number, metadata = METADATA): { status: number | null; out: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-contract-'));
    try {
      writeFileSync(
        path.join(dir, 'toy.py'),
        `class Toy:\n    def __init__(self, width):\n        self.width = width\n    def predict(self, rows):\n        rows = rows.values.tolist() if hasattr(rows, "values") else rows\n        return [[0.5] * self.width if self.width > 1 else 0.5 for _ in rows]\n`,
      );
      writeFileSync(path.join(dir, 'meta.json'), metadata);
      const made = spawnSync(
        python ?? 'python3',
        ['-c', `import pickle, toy; pickle.dump(toy.Toy(${width}), open("model.pkl", "wb"))`],
        {
          cwd: dir,
        },
      );
      assert.equal(made.status, 0, made.stderr.toString());
      const result = spawnSync(python ?? 'python3', ['-'], {
        cwd: dir,
        input: CONTRACT_CHECK_SCRIPT,
        env: { ...process.env, PYTHONPATH: dir, MODEL_METADATA: 'meta.json', MODEL_ARTIFACT: 'model.pkl' },
        encoding: 'utf8',
      });
      return { status: result.status, out: `${result.stdout}${result.stderr}` };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('passes a model that returns one value per row for a one-output signature', () => {
    const { status, out } = run(1);
    assert.equal(status, 0, out);
    assert.match(out, /inference contract: ok \(3 inputs, 1 output\(s\)\)/);
  });

  it('fails a model whose outputs differ from the signature, naming both counts', () => {
    const { status, out } = run(2);
    assert.equal(status, 1);
    assert.match(out, /the model returns 2 value\(s\) per row, the signature declares 1 output\(s\)/);
  });

  it('fails a signature input type it cannot sample, naming the input', () => {
    const odd = METADATA.replace('"type":"long"', '"type":"tensor"');
    const { status, out } = run(1, odd);
    assert.equal(status, 1);
    assert.match(out, /input 'hour' has type 'tensor'/);
  });
});
