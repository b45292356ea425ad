/**
 * The GitHub Actions workflow "Add CI Workflow" writes: a pure function of the plan. Four jobs:
 * the analyzer's SARIF for code scanning, a training smoke test on small data, a model-load and
 * inference-contract test against the registry signature, and the lifecycle scorecard gate.
 * Training and serving dependencies are installed in separate jobs, so a serving dependency that
 * only the training environment happens to provide fails the contract job. Actions are pinned to
 * commit SHAs with their tag as a comment.
 */
import { Document, isScalar, visit } from 'yaml';
import type { CiWorkflowPlan } from './ci-workflow-plan.ts';
import { CONTRACT_CHECK_SCRIPT } from './contract-check-script.ts';
import { PINNED_ACTIONS, usesOf } from './pinned-actions.ts';

export const CI_WORKFLOW_PATH = '.github/workflows/mlops-lens.yml';
/** Where the smoke test puts the model for the contract job. */
const MODEL_ARTIFACT = 'smoke-model';
const SCORECARD_FAIL_UNDER = 80;

type Step = Readonly<Record<string, unknown>>;

const checkout: Step = { uses: usesOf(PINNED_ACTIONS.checkout) };

function setupPython(plan: CiWorkflowPlan): Step {
  return { uses: usesOf(PINNED_ACTIONS.setupPython), with: { 'python-version': plan.pythonVersion } };
}

const setupNode: Step = { uses: usesOf(PINNED_ACTIONS.setupNode), with: { 'node-version': '22' } };

function lens(plan: CiWorkflowPlan, args: string): string {
  return `npx --yes mlops-lens@${plan.lensVersion} ${args}`;
}

function install(requirements: string | undefined, what: string): string {
  return requirements
    ? `python -m pip install -r ${requirements}`
    : `echo "No ${what} requirements file was found; list them in one." >&2\nexit 1`;
}

function checkJob(plan: CiWorkflowPlan): Record<string, unknown> {
  return {
    name: 'mlops-lens check (code scanning)',
    'runs-on': 'ubuntu-latest',
    permissions: { contents: 'read', 'security-events': 'write' },
    steps: [
      checkout,
      setupNode,
      {
        name: 'Analyse the workspace',
        run: `${lens(plan, 'check . --format sarif --fail-on never')} > mlops-lens.sarif`,
      },
      {
        name: 'Upload the findings to code scanning',
        if: 'always()',
        uses: usesOf(PINNED_ACTIONS.uploadSarif),
        with: { sarif_file: 'mlops-lens.sarif', category: 'mlops-lens' },
      },
      { name: 'Fail on errors', run: lens(plan, 'check . --fail-on error') },
    ],
  };
}

function trainJob(plan: CiWorkflowPlan): Record<string, unknown> | undefined {
  const training = plan.training;
  if (!training) return undefined;
  const script =
    training.workingDirectory === '.'
      ? training.script
      : training.script.slice(training.workingDirectory.length + 1);
  const steps: Step[] = [
    checkout,
    setupPython(plan),
    { name: 'Install the training dependencies', run: install(training.requirements, 'training') },
    {
      name: 'Train on a small sample',
      'working-directory': training.workingDirectory,
      env: {
        // The script trains on a sample when this is set: a few hundred rows, one epoch.
        MLOPS_LENS_SMOKE_TEST: '1',
        MLFLOW_TRACKING_URI: 'file:${{ runner.temp }}/mlruns',
      },
      run: `python ${script}`,
    },
  ];
  if (training.modelPath)
    steps.push({
      name: 'Keep the model for the contract test',
      uses: usesOf(PINNED_ACTIONS.uploadArtifact),
      with: {
        name: MODEL_ARTIFACT,
        path: training.modelPath,
        'if-no-files-found': 'error',
        'retention-days': 1,
      },
    });
  return {
    name: 'Training smoke test (small data)',
    'runs-on': 'ubuntu-latest',
    'timeout-minutes': 20,
    steps,
  };
}

function contractJob(plan: CiWorkflowPlan): Record<string, unknown> | undefined {
  const model = plan.training?.modelPath;
  if (!plan.metadata || !model) return undefined;
  const folder = model.includes('/') ? model.slice(0, model.lastIndexOf('/')) : '.';
  return {
    name: 'Model load and inference contract',
    needs: 'train-smoke',
    'runs-on': 'ubuntu-latest',
    steps: [
      checkout,
      setupPython(plan),
      // Only what serving installs: the model must load without the training environment.
      { name: 'Install the serving dependencies only', run: install(plan.servingRequirements, 'serving') },
      {
        name: 'Fetch the smoke-test model',
        uses: usesOf(PINNED_ACTIONS.downloadArtifact),
        with: { name: MODEL_ARTIFACT, path: folder },
      },
      {
        name: 'Check the model against the registry signature',
        env: { MODEL_METADATA: plan.metadata.path, MODEL_ARTIFACT: model },
        run: `python - <<'PY'\n${CONTRACT_CHECK_SCRIPT}PY`,
      },
    ],
  };
}

/**
 * The scorecard reads the registry through the MLOps Lens daemon, so the gate runs where one is
 * reachable: on the runner the repository variable MLOPS_LENS_RUNNER names (a self-hosted runner
 * beside the daemon), with the daemon's data directory in MLOPS_LENS_DATA_DIR. Without that
 * variable the job is skipped rather than failing for want of a daemon.
 */
function scorecardJob(plan: CiWorkflowPlan, needs: string[]): Record<string, unknown> | undefined {
  if (!plan.metadata) return undefined;
  const { model, version } = plan.metadata;
  return {
    name: 'Lifecycle scorecard gate',
    needs,
    if: "vars.MLOPS_LENS_DATA_DIR != ''",
    'runs-on': "${{ vars.MLOPS_LENS_RUNNER || 'ubuntu-latest' }}",
    steps: [
      checkout,
      setupNode,
      {
        name: `Scorecard of ${model}@${version}`,
        env: { MLOPS_LENS_DATA_DIR: '${{ vars.MLOPS_LENS_DATA_DIR }}' },
        run: lens(
          plan,
          `scorecard ${model}@${version} --fail-under ${SCORECARD_FAIL_UNDER} --data-dir "$MLOPS_LENS_DATA_DIR"`,
        ),
      },
    ],
  };
}

/** The workflow as YAML text, with the tag of each pinned action as a comment. */
export function ciWorkflowYaml(plan: CiWorkflowPlan): string {
  const jobs: Record<string, unknown> = { check: checkJob(plan) };
  const train = trainJob(plan);
  if (train) jobs['train-smoke'] = train;
  const contract = contractJob(plan);
  if (contract) jobs.contract = contract;
  const scorecard = scorecardJob(plan, Object.keys(jobs));
  if (scorecard) jobs.scorecard = scorecard;
  const doc = new Document(
    {
      name: 'MLOps Lens',
      on: { push: { branches: ['main'] }, pull_request: null, workflow_dispatch: null },
      permissions: { contents: 'read' },
      jobs,
    },
    { aliasDuplicateObjects: false },
  );
  doc.commentBefore =
    ' Written by MLOps Lens: Add CI Workflow. Actions are pinned to commit SHAs (their tag beside each).';
  const tags = new Map(Object.values(PINNED_ACTIONS).map((pin) => [usesOf(pin), pin.tag]));
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
        const tag = tags.get(String(pair.value.value));
        if (tag) pair.value.comment = ` ${tag}`;
      }
    },
  });
  return doc.toString({ lineWidth: 0, nullStr: '' });
}
