/**
 * `mlops-lens lineage <model>@<version|alias>`: where a model version came from. The daemon's
 * lineage API gives the neighbourhood (run, code, datasets, environment lockfile, preprocessing
 * artifacts, sibling versions), its metadata API the ModelRegistryMetadata and the provenance
 * verdict of its gate; the run itself adds metric values and the logged model's environment.
 */
import {
  NATIVE_API_PREFIX,
  type Experiment,
  type LineageNode,
  type LineageResponse,
  type ModelVersion,
  type ModelVersionMetadataResponse,
  type Run,
} from '../api/contract.ts';
import { positionals } from './cli-args.ts';
import { CliFailure, usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import type { DaemonClient } from './daemon-client.ts';
import { resolveVersion, runsOf } from './registry-lookup.ts';
import { formatMetricValue, formatTime } from './run-display.ts';
import { runProvenance } from './run-provenance.ts';
import { renderFields } from './text-table.ts';

export const lineage: CliCommand = async (parsed, client) => {
  const [reference = ''] = positionals(parsed, ['model@version']);
  const at = reference.lastIndexOf('@');
  if (at <= 0 || at === reference.length - 1)
    throw usageFailure(`expected <model>@<version> (or <model>@<alias>), not '${reference}'`);
  const name = reference.slice(0, at);
  const version = await resolveVersion(client, name, reference.slice(at + 1));
  const query = { name, version: version.version };
  const metadata = await client.call<ModelVersionMetadataResponse>({
    method: 'GET',
    path: `${NATIVE_API_PREFIX}/model-versions/metadata`,
    query,
  });
  const graph = await client.call<LineageResponse>({
    method: 'GET',
    path: `${NATIVE_API_PREFIX}/lineage`,
    query: { node: `model_version:${name}@${version.version}`, depth: 2 },
  });
  const run = version.run_id === '' ? undefined : (await runsOf(client, [version])).get(version.run_id);
  const missing = metadata.provenance.missing;
  if (parsed.json) return jsonResult({ model_version: version, metadata, lineage: graph, run: run ?? null });
  const experiment = run === undefined ? '' : await experimentName(client, run);
  const stdout = describeLineage(version, metadata, graph, run, experiment);
  if (metadata.provenance.badge === 'complete') return { stdout };
  return {
    stdout,
    stderr: `warning: ${name}@${version.version} has incomplete provenance: no ${missing.join(', no ')}.`,
  };
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
  metadata: ModelVersionMetadataResponse,
  graph: LineageResponse,
  run: Run | undefined,
  experiment: string,
): string {
  const { framework, provenance } = metadata.metadata;
  const fields: [string, string][] = [
    ['model version', `${version.name}@${version.version}`],
    ['aliases', version.aliases.join(', ') || '-'],
    ['stage', version.current_stage],
    [
      'registered',
      `${formatTime(version.creation_timestamp)}${version.user_id ? ` by ${version.user_id}` : ''}`,
    ],
    ['artifact', version.source],
    [
      'framework',
      framework === undefined ? 'unknown' : `${framework.name} ${framework.version ?? ''}`.trim(),
    ],
    [
      'provenance',
      metadata.provenance.badge === 'complete'
        ? 'complete'
        : `incomplete (no ${metadata.provenance.missing.join(', no ')})`,
    ],
    ['data snapshot', provenance.dataset_snapshot_uri ?? 'none'],
    ['env lockfile', provenance.environment_lockfile_uri ?? 'none'],
    [
      'metadata',
      metadata.valid ? 'valid ModelRegistryMetadata' : `incomplete: ${metadata.schema_errors.join('; ')}`,
    ],
  ];
  const nodes = (type: LineageNode['type']): LineageNode[] => graph.nodes.filter((n) => n.type === type);
  if (version.run_id === '') {
    fields.push(['run', 'none: the version was not registered from a run']);
    return renderFields(fields);
  }
  if (run === undefined) {
    fields.push(['run', `${version.run_id} (not found in the daemon)`]);
    return renderFields(fields);
  }
  fields.push(
    ['run', `${run.info.run_id} "${run.info.run_name}" ${run.info.status}`],
    ['experiment', experiment],
    ['trained', `${formatTime(run.info.start_time)}${run.info.user_id ? ` by ${run.info.user_id}` : ''}`],
  );
  const hardware = nodes('run').find((n) => n.id === `run:${run.info.run_id}`)?.attributes.hardware;
  if (hardware !== undefined) fields.push(['hardware', describeHardware(hardware)]);
  const code = nodes('code');
  if (code.length === 0) fields.push(['code', `unknown (no git commit)${sourceSuffix(run)}`]);
  for (const node of code) fields.push(['code', describeCode(node)]);
  const datasets = nodes('dataset');
  if (datasets.length === 0) fields.push(['dataset', 'none recorded (log-inputs)']);
  const contexts = new Map(runProvenance(run).datasets.map((d) => [`${d.name}@${d.digest}`, d.context]));
  for (const node of datasets) {
    const context = contexts.get(node.label);
    fields.push(['dataset', `${node.label} ${text(node.attributes.uri)}${context ? ` [${context}]` : ''}`]);
  }
  for (const node of nodes('environment')) fields.push(['environment', `lockfile ${uris(node)}`]);
  const logged = runProvenance(run, version.source).environment;
  if (logged !== undefined) {
    const parts = [`logged model '${logged.artifact_path}'`];
    if (logged.python_version !== undefined) parts.push(`python ${logged.python_version}`);
    if (logged.mlflow_version !== undefined) parts.push(`mlflow ${logged.mlflow_version}`);
    fields.push(['environment', [...parts, ...logged.files].join(', ')]);
  } else if (nodes('environment').length === 0) {
    fields.push(['environment', 'none recorded (no lockfile, no logged model environment)']);
  }
  for (const node of nodes('preprocessing')) fields.push(['preprocessing', `${node.label} ${uris(node)}`]);
  const siblings = nodes('model_version')
    .filter((n) => n.id !== graph.root)
    .map((n) => `${text(n.attributes.name)}@${text(n.attributes.version)}`);
  if (siblings.length > 0) fields.push(['same run', siblings.join(', ')]);
  const params = [...run.data.params].sort((a, b) => a.key.localeCompare(b.key));
  if (params.length > 0) fields.push(['params', params.map((p) => `${p.key}=${p.value}`).join(', ')]);
  const metrics = [...run.data.metrics].sort((a, b) => a.key.localeCompare(b.key));
  if (metrics.length > 0)
    fields.push(['metrics', metrics.map((m) => `${m.key}=${formatMetricValue(m.value)}`).join(', ')]);
  for (const tag of version.tags) fields.push(['version tag', `${tag.key}=${tag.value}`]);
  return renderFields(fields);
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function uris(node: LineageNode): string {
  const list = node.attributes.uris;
  return Array.isArray(list) ? list.map(text).join(', ') : '';
}

function sourceSuffix(run: Run): string {
  const source = runProvenance(run).source_name;
  return source === undefined ? '' : `, ${source}`;
}

function describeCode(node: LineageNode): string {
  const a = node.attributes;
  const parts = [`git ${text(a.git_commit)}${a.dirty === true ? ' (dirty)' : ''}`];
  if (text(a.branch) !== '') parts.push(`branch ${text(a.branch)}`);
  if (text(a.repo_url) !== '') parts.push(text(a.repo_url));
  if (text(a.source_name) !== '') parts.push(text(a.source_name));
  return parts.join(', ');
}

function describeHardware(hardware: unknown): string {
  if (typeof hardware !== 'object' || hardware === null) return '';
  const h = hardware as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof h.gpu_count === 'number') parts.push(`${h.gpu_count} GPU${h.gpu_count === 1 ? '' : 's'}`);
  for (const [key, value] of Object.entries(h)) {
    if (key === 'gpu_count' || key === 'system_metrics') continue;
    if (typeof value === 'string' || typeof value === 'number')
      parts.push(`${key.replaceAll('_', ' ')} ${value}`);
  }
  parts.push(h.system_metrics === true ? 'system metrics logged' : 'no system metrics');
  return parts.join(', ');
}
