/**
 * The lifecycle scorecard of a model version, judged from its facts (pure): the six invariant
 * questions, each as checks with the evidence found or the fix for what is missing, and a score.
 */
import type { LineageNode } from '../api/contract.ts';
import {
  SCORECARD_QUESTIONS,
  SCORECARD_TAGS,
  type Scorecard,
  type ScorecardAnswer,
  type ScorecardCheck,
  type ScorecardFix,
  type ScorecardQuestionId,
  type ScorecardStatus,
} from '../api/scorecard-contract.ts';
import type { ScorecardFacts } from './scorecard-facts.ts';

/** Metric keys that report a slice of the evaluation data (`slice/segment_new/auc`, `auc_slice_new`). */
const SLICE_METRIC = /(^|[/_.-])slices?([/_.-]|$)/i;

export function scorecardOf(facts: ScorecardFacts, now: number): Scorecard {
  const answers: ScorecardAnswer[] = [
    answer('provenance', provenanceChecks(facts)),
    answer('promotion', promotionChecks(facts)),
    answer('artifact', artifactChecks(facts)),
    answer('validation', validationChecks(facts)),
    answer('monitoring', monitoringChecks(facts)),
    answer('ownership', ownershipChecks(facts)),
  ];
  const shares = answers.map((a) => a.checks.filter((c) => c.found).length / a.checks.length);
  return {
    model_name: facts.version.name,
    model_version: facts.version.version,
    stage: facts.version.current_stage,
    aliases: facts.version.aliases,
    created_time: now,
    score: Math.round((100 * shares.reduce((sum, share) => sum + share, 0)) / shares.length),
    answers,
  };
}

function answer(id: ScorecardQuestionId, checks: ScorecardCheck[]): ScorecardAnswer {
  const found = checks.filter((c) => c.found).length;
  const status: ScorecardStatus = found === checks.length ? 'answered' : found === 0 ? 'missing' : 'partial';
  return { id, question: SCORECARD_QUESTIONS[id], status, checks };
}

function check(name: string, evidence: string[], fix: ScorecardFix): ScorecardCheck {
  return evidence.length > 0 ? { name, found: true, evidence } : { name, found: false, evidence: [], fix };
}

/** A registry stage as a reader says it: MLflow's `None` is no stage at all. */
export function stageName(stage: string): string {
  return stage === 'None' ? 'no stage' : stage;
}

function reference(facts: ScorecardFacts): string {
  return `${facts.version.name}@${facts.version.version}`;
}

function quoted(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** The fix that sets a model-version tag with `mlops-lens models tag`. */
function tagFix(facts: ScorecardFacts, action: string, key: string, value: string): ScorecardFix {
  return {
    action,
    command: `mlops-lens models tag ${quoted(reference(facts))} ${quoted(`${key}=${value}`)}`,
    tag: { key, value },
    placeholders: [value],
  };
}

function nodes(facts: ScorecardFacts, type: LineageNode['type']): LineageNode[] {
  return facts.lineage.nodes.filter((n) => n.type === type);
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function tag(facts: ScorecardFacts, key: string): string | undefined {
  const value = facts.version.tags.find((t) => t.key === key)?.value;
  return value === undefined || value.trim() === '' ? undefined : value;
}

function runNode(facts: ScorecardFacts): LineageNode | undefined {
  return facts.version.run_id === ''
    ? nodes(facts, 'run')[0]
    : facts.lineage.nodes.find((n) => n.id === `run:${facts.version.run_id}`);
}

function provenanceChecks(facts: ScorecardFacts): ScorecardCheck[] {
  const { provenance } = facts.metadata.metadata;
  const run = runNode(facts);
  const datasets = nodes(facts, 'dataset').map((n) => `${n.label} ${text(n.attributes.uri)}`.trim());
  if (datasets.length === 0 && provenance.dataset_snapshot_uri !== undefined)
    datasets.push(provenance.dataset_snapshot_uri);
  const code = nodes(facts, 'code').map((n) =>
    `git ${text(n.attributes.git_commit)}${n.attributes.dirty === true ? ' (dirty)' : ''} ${text(n.attributes.source_name)}`.trim(),
  );
  if (code.length === 0 && provenance.git_commit !== undefined) code.push(`git ${provenance.git_commit}`);
  const params = Object.entries(record(run?.attributes.params));
  // A lockfile node lists every run's copy of the same file: show this run's.
  const artifactRoot = text(run?.attributes.artifact_uri);
  const environment = nodes(facts, 'environment').map((n) => {
    const uris = (Array.isArray(n.attributes.uris) ? n.attributes.uris : []).map(text);
    const own = uris.filter((uri) => artifactRoot !== '' && uri.startsWith(`${artifactRoot}/`));
    return `lockfile ${(own.length > 0 ? own : uris).join(', ')}`;
  });
  if (environment.length === 0 && provenance.environment_lockfile_uri !== undefined)
    environment.push(provenance.environment_lockfile_uri);
  const hardware = record(run?.attributes.hardware);
  const hardwareEvidence = Object.entries(hardware)
    .filter(([key, value]) => !['gpu_count', 'system_metrics'].includes(key) && text(value) !== '')
    .map(([key, value]) => `${key} ${text(value)}`);
  if (typeof hardware.gpu_count === 'number' && hardware.gpu_count > 0)
    hardwareEvidence.unshift(`${hardware.gpu_count} GPU(s) in system metrics`);
  else if (hardware.system_metrics === true) hardwareEvidence.unshift('system metrics logged (no GPU)');
  return [
    check('data', datasets, {
      action: 'Log the training data as a dataset input of the run, then retrain and register.',
      snippet: "mlflow.log_input(mlflow.data.from_pandas(df, source=DATA_URI), context='training')",
    }),
    check('code', code, {
      action: 'Train from a git checkout so the run records the commit (mlflow.source.git.commit).',
      snippet:
        "mlflow.set_tag('mlflow.source.git.commit', subprocess.check_output(['git', 'rev-parse', 'HEAD'], text=True).strip())",
    }),
    check('config', params.length === 0 ? [] : [params.map(([k, v]) => `${k}=${text(v)}`).join(', ')], {
      action: 'Log the training configuration (hyperparameters) as run params.',
      snippet: 'mlflow.log_params(params)',
    }),
    check('environment', environment, {
      action: 'Log a lockfile of the training environment as a run artifact.',
      snippet: "mlflow.log_artifact('requirements.lock')",
    }),
    check('hardware', hardwareEvidence, {
      action: 'Record the training hardware: system metrics, or mlops_lens.hardware.* run tags.',
      snippet:
        "mlflow.enable_system_metrics_logging(); mlflow.set_tag('mlops_lens.hardware.gpu_model', GPU_MODEL)",
    }),
  ];
}

function promotionChecks(facts: ScorecardFacts): ScorecardCheck[] {
  const metrics = Object.entries(record(runNode(facts)?.attributes.metrics));
  const overall = metrics.filter(([key]) => !SLICE_METRIC.test(key));
  const slices = metrics.filter(([key]) => SLICE_METRIC.test(key));
  const show = (list: [string, unknown][]): string[] =>
    list.length === 0 ? [] : [list.map(([k, v]) => `${k}=${formatNumber(v)}`).join(', ')];
  const tests = tag(facts, SCORECARD_TAGS.tests);
  return [
    check('metrics', show(overall), {
      action: 'Log the evaluation metrics of the version on held-out data.',
      snippet: "mlflow.log_metric('test_auc', roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))",
    }),
    check('slices', show(slices), {
      action:
        'Log the metrics per slice of the evaluation data (a key with a slice part, e.g. slice/contract_monthly/auc).',
      snippet: "mlflow.log_metric(f'slice/contract_{value}/auc', roc_auc_score(y_test[mask], scores[mask]))",
    }),
    check(
      'tests',
      tests === undefined ? [] : [`${SCORECARD_TAGS.tests}: ${tests}`],
      tagFix(
        facts,
        'Record the tests (CI run) that passed before promotion.',
        SCORECARD_TAGS.tests,
        'CI_RUN_URL',
      ),
    ),
  ];
}

function formatNumber(value: unknown): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(4))) : text(value);
}

function artifactChecks(facts: ScorecardFacts): ScorecardCheck[] {
  const { version } = facts;
  const rollback: string[] = [];
  for (const { alias, previous } of facts.aliasHistory)
    if (previous !== undefined)
      rollback.push(
        `alias ${alias} was on v${previous}: mlops-lens models rollback ${version.name} --alias ${alias}`,
      );
  for (const deployment of facts.deployments)
    if (deployment.previous_version !== undefined)
      rollback.push(
        `deployment ${deployment.id} replaced v${deployment.previous_version}: mlops-lens deploy rollback ${deployment.id}`,
      );
  const earlier = facts.otherVersions
    .filter((v) => Number(v.version) < Number(version.version))
    .sort((a, b) => Number(b.version) - Number(a.version))[0];
  if (rollback.length === 0 && earlier !== undefined)
    rollback.push(
      `v${earlier.version} (${stageName(earlier.stage)}) is kept: mlops-lens models promote ${version.name} ${earlier.version} --alias ALIAS`,
    );
  const signature = facts.metadata.metadata.signature;
  return [
    check('artifact', version.source === '' ? [] : [version.source], {
      action: 'Register the version from a logged model so the registry knows where its artifact is.',
      snippet: "mlflow.register_model(f'runs:/{run_id}/model', NAME)",
    }),
    check(
      'signature',
      signature === undefined
        ? []
        : [`${signature.inputs.length} inputs, ${signature.outputs.length} outputs`],
      {
        action: 'Log the model with its signature (the serving contract).',
        snippet:
          "mlflow.sklearn.log_model(model, 'model', signature=infer_signature(X_train, model.predict(X_train)))",
      },
    ),
    check('rollback path', rollback, {
      action: 'Keep an earlier version registered and move an alias to this one, so the alias can go back.',
      command: `mlops-lens models promote ${quoted(version.name)} ${version.version} --alias ALIAS`,
      placeholders: ['ALIAS'],
    }),
  ];
}

function validationChecks(facts: ScorecardFacts): ScorecardCheck[] {
  const { baseline } = facts;
  const suite = tag(facts, SCORECARD_TAGS.expectationSuite);
  const signature = facts.metadata.metadata.signature;
  return [
    check(
      'data schema',
      baseline?.hasSchema === true ? [`baseline ${baseline.id}: schema of ${baseline.features} columns`] : [],
      baselineFix(
        facts,
        'Record a baseline of the training data for the version; its schema checks production samples.',
      ),
    ),
    check(
      'serving features',
      signature === undefined ? [] : [`signature inputs: ${signature.inputs.map((i) => i.name).join(', ')}`],
      {
        action:
          'Log the model with a signature: its inputs are the contract the serving features are checked against.',
        snippet:
          "mlflow.sklearn.log_model(model, 'model', signature=infer_signature(X_train, model.predict(X_train)))",
      },
    ),
    check(
      'expectation suite',
      suite === undefined ? [] : [`${SCORECARD_TAGS.expectationSuite}: ${suite}`],
      tagFix(
        facts,
        'Name the Great Expectations suite (JSON) that production data is checked with.',
        SCORECARD_TAGS.expectationSuite,
        'gx/expectations/SUITE.json',
      ),
    ),
  ];
}

function monitoringChecks(facts: ScorecardFacts): ScorecardCheck[] {
  const latest = facts.driftReports[0];
  const drift: string[] = [];
  if (facts.baseline !== undefined) drift.push(`drift baseline ${facts.baseline.id}`);
  if (latest !== undefined)
    drift.push(
      `${facts.driftReports.length} drift report(s), latest ${latest.id} (${latest.drifted_features} drifted)`,
    );
  if (facts.openAlerts.length > 0) drift.push(`open alerts: ${facts.openAlerts.join(', ')}`);
  const samples =
    facts.samples.count === 0
      ? []
      : [`${facts.samples.count} serving samples, latest ${new Date(facts.samples.last ?? 0).toISOString()}`];
  const monitored = facts.deployments.filter((d) => facts.prometheusContexts.includes(d.context));
  const serving = monitored.map(
    (d) =>
      `deployment ${d.id} in ${d.context}/${d.namespace}/${d.service_name}: Prometheus latency, errors and cost`,
  );
  const fairness = tag(facts, SCORECARD_TAGS.fairnessSlices);
  const target = facts.deployments[0];
  const safetyMonitor = tag(facts, SCORECARD_TAGS.safetyMonitor);
  const safety = facts.deployments
    .filter((d) => d.triggers.length > 0)
    .map((d) => `deployment ${d.id} rolls back on ${d.triggers.join(', ')}`);
  if (safetyMonitor !== undefined) safety.push(`${SCORECARD_TAGS.safetyMonitor}: ${safetyMonitor}`);
  return [
    check(
      'drift',
      facts.baseline === undefined ? [] : drift,
      baselineFix(
        facts,
        'Record a drift baseline for the version (the training data), then push serving samples.',
      ),
    ),
    check('serving samples', samples, {
      action:
        'Log each served request as a sample (JSON lines) to the daemon, or drop them in its samples folder.',
      snippet: `requests.post(f'{DAEMON_URL}/api/mlops-lens/v1/drift/samples', data=json.dumps({'model_name': '${facts.version.name}', 'model_version': '${facts.version.version}', 'timestamp': ts, 'features': row}))`,
    }),
    check(
      'latency and cost',
      serving,
      target === undefined
        ? {
            action: 'Deploy the version to a cluster context whose Prometheus the daemon reads.',
            command: `mlops-lens deploy plan ${quoted(reference(facts))} --context CONTEXT --namespace NAMESPACE`,
            placeholders: ['CONTEXT', 'NAMESPACE'],
          }
        : {
            action: `Configure Prometheus for context ${target.context} so latency, errors and cost are read.`,
          },
    ),
    check('outcomes', facts.labelled === 0 ? [] : [`${facts.labelled} predictions labelled`], {
      action: 'Push the delayed labels by prediction id (JSON lines), or drop them in the labels folder.',
      snippet: `requests.post(f'{DAEMON_URL}/api/mlops-lens/v1/outcomes/labels', data=json.dumps({'prediction_id': pid, 'label': y, 'timestamp': ts}))`,
    }),
    check(
      'safety guardrails',
      safety,
      tagFix(
        facts,
        "Name what checks the model's outputs for harm (a policy filter, abuse reports), or deploy it with rollback triggers.",
        SCORECARD_TAGS.safetyMonitor,
        'MONITOR',
      ),
    ),
    check(
      'fairness slices',
      fairness === undefined ? [] : [`${SCORECARD_TAGS.fairnessSlices}: ${fairness}`],
      tagFix(
        facts,
        'Name the sensitive columns whose slices the outcome layer reports (comma-separated).',
        SCORECARD_TAGS.fairnessSlices,
        'COLUMN',
      ),
    ),
  ];
}

/** Records a baseline from the data the version's training run logged (`mlops-lens drift baseline`). */
function baselineFix(facts: ScorecardFacts, action: string): ScorecardFix {
  return { action, command: `mlops-lens drift baseline ${quoted(reference(facts))}` };
}

function ownershipChecks(facts: ScorecardFacts): ScorecardCheck[] {
  const { metadata } = facts.metadata;
  const field = (name: string, value: string | undefined): string[] =>
    value === undefined ? [] : [`${name}: ${value}`];
  const approval = metadata.approval;
  return [
    check(
      'owner',
      field('owner', metadata.owner),
      tagFix(
        facts,
        'Name the team that owns incidents, retraining and deprecation.',
        SCORECARD_TAGS.owner,
        'TEAM',
      ),
    ),
    check(
      'approval',
      approval === undefined
        ? []
        : [`approved by ${approval.approved_by}${approval.approved_at ? ` at ${approval.approved_at}` : ''}`],
      tagFix(facts, 'Record who approved the version for production.', SCORECARD_TAGS.approvedBy, 'NAME'),
    ),
    check(
      'intended use',
      field('intended use', metadata.intended_use),
      tagFix(
        facts,
        'Say what the model is for (and what it is not for).',
        SCORECARD_TAGS.intendedUse,
        'PURPOSE',
      ),
    ),
    check(
      'limitations',
      field('limitations', metadata.limitations),
      tagFix(facts, 'Write down the known limitations.', SCORECARD_TAGS.limitations, 'LIMITATIONS'),
    ),
    check(
      'changelog',
      field('changelog', metadata.changelog),
      tagFix(facts, 'Say what changed since the previous version.', SCORECARD_TAGS.changelog, 'CHANGES'),
    ),
  ];
}
