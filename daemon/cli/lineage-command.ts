/**
 * `mlops-lens lineage <model>@<version>`: where a model version came from, assembled from the
 * registry (the version, its aliases and source) and the run that produced it (code, datasets,
 * environment, params, metrics).
 */
import type { Experiment, ModelVersion, Run } from '../api/contract.ts';
import { positionals } from './cli-args.ts';
import { CliFailure, usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import type { DaemonClient } from './daemon-client.ts';
import { resolveVersion, runsOf } from './registry-lookup.ts';
import { formatMetricValue, formatTime } from './run-display.ts';
import { missingProvenance, runProvenance, type RunProvenance } from './run-provenance.ts';
import { renderFields } from './text-table.ts';

export const lineage: CliCommand = async (parsed, client) => {
  const [reference = ''] = positionals(parsed, ['model@version']);
  const at = reference.lastIndexOf('@');
  if (at <= 0 || at === reference.length - 1)
    throw usageFailure(`expected <model>@<version> (or <model>@<alias>), not '${reference}'`);
  const name = reference.slice(0, at);
  const version = await resolveVersion(client, name, reference.slice(at + 1));
  const run = (await runsOf(client, [version])).get(version.run_id);
  const provenance = run === undefined ? undefined : runProvenance(run, version.source);
  const missing = provenance === undefined ? ['run'] : missingProvenance(provenance);
  if (parsed.json) {
    return jsonResult({ model_version: version, run: run ?? null, provenance: provenance ?? null, missing });
  }
  const experiment = run === undefined ? '' : await experimentName(client, run);
  const text = describeLineage(version, run, experiment, provenance);
  const stderr =
    missing.length === 0
      ? undefined
      : `warning: ${name}@${version.version} has incomplete provenance: no ${missing.join(', no ')}.`;
  return stderr === undefined ? { stdout: text } : { stdout: text, stderr };
};

async function experimentName(client: DaemonClient, run: Run): Promise<string> {
  try {
    const { experiment } = await client.mlflow<{ experiment: Experiment }>('GET', 'experiments/get', {
      experiment_id: run.info.experiment_id,
    });
    return `${experiment.name} (${experiment.experiment_id})`;
  } catch (error) {
    if (error instanceof CliFailure && error.exitCode === 1) return run.info.experiment_id;
    throw error;
  }
}

function describeLineage(
  version: ModelVersion,
  run: Run | undefined,
  experiment: string,
  provenance: RunProvenance | undefined,
): string {
  const fields: [string, string][] = [
    ['model version', `${version.name}@${version.version}`],
    ['aliases', version.aliases.join(', ') || '-'],
    ['stage', version.current_stage],
    [
      'registered',
      `${formatTime(version.creation_timestamp)}${version.user_id ? ` by ${version.user_id}` : ''}`,
    ],
    ['artifact', version.source],
  ];
  if (version.run_id === '') {
    fields.push(['run', 'none: the version was not registered from a run']);
    return renderFields(fields);
  }
  if (run === undefined || provenance === undefined) {
    fields.push(['run', `${version.run_id} (not found in the daemon)`]);
    return renderFields(fields);
  }
  fields.push(
    ['run', `${run.info.run_id} "${run.info.run_name}" ${run.info.status}`],
    ['experiment', experiment],
    ['trained', `${formatTime(run.info.start_time)}${run.info.user_id ? ` by ${run.info.user_id}` : ''}`],
    ['code', describeCode(provenance)],
  );
  if (provenance.datasets.length === 0) fields.push(['dataset', 'none recorded (log-inputs)']);
  for (const d of provenance.datasets) {
    const context = d.context === undefined ? '' : ` [${d.context}]`;
    fields.push(['dataset', `${d.name} digest ${d.digest} ${d.source_type} ${d.source}${context}`]);
  }
  fields.push(['environment', describeEnvironment(provenance)]);
  const params = [...run.data.params].sort((a, b) => a.key.localeCompare(b.key));
  if (params.length > 0) fields.push(['params', params.map((p) => `${p.key}=${p.value}`).join(', ')]);
  const metrics = [...run.data.metrics].sort((a, b) => a.key.localeCompare(b.key));
  if (metrics.length > 0)
    fields.push(['metrics', metrics.map((m) => `${m.key}=${formatMetricValue(m.value)}`).join(', ')]);
  for (const tag of version.tags) fields.push(['version tag', `${tag.key}=${tag.value}`]);
  return renderFields(fields);
}

function describeCode(provenance: RunProvenance): string {
  if (provenance.git_commit === undefined) {
    return provenance.source_name === undefined
      ? 'unknown (no git commit)'
      : `${provenance.source_name} (no git commit)`;
  }
  const parts = [`git ${provenance.git_commit}`];
  if (provenance.git_branch !== undefined) parts.push(`branch ${provenance.git_branch}`);
  if (provenance.git_repo !== undefined) parts.push(provenance.git_repo);
  if (provenance.source_name !== undefined) parts.push(provenance.source_name);
  return parts.join(', ');
}

function describeEnvironment(provenance: RunProvenance): string {
  const env = provenance.environment;
  if (env === undefined) return 'none recorded (no logged model with an environment)';
  const parts = [`logged model '${env.artifact_path}'`];
  if (env.python_version !== undefined) parts.push(`python ${env.python_version}`);
  if (env.mlflow_version !== undefined) parts.push(`mlflow ${env.mlflow_version}`);
  if (env.files.length > 0) parts.push(env.files.join(', '));
  return parts.join(', ');
}
