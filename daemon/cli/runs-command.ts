/** `mlops-lens runs list` and `mlops-lens runs show <run-id>`. */
import type { Experiment, ModelVersion, Run, SearchRunsResponse } from '../api/contract.ts';
import { positionals, positiveIntFlag, stringFlag } from './cli-args.ts';
import { CliFailure, usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import type { DaemonClient } from './daemon-client.ts';
import { experimentsToSearch } from './experiment-lookup.ts';
import {
  commonMetricKeys,
  formatMetricValue,
  formatTime,
  metricValue,
  runDuration,
  shortId,
} from './run-display.ts';
import { provenanceSummary, runProvenance } from './run-provenance.ts';
import { renderFields, renderTable, type Column } from './text-table.ts';

export const RUNS_OPTIONS = {
  experiment: { type: 'string' },
  filter: { type: 'string' },
  'order-by': { type: 'string', multiple: true },
  max: { type: 'string' },
  metrics: { type: 'string' },
} as const;

const DEFAULT_MAX_RUNS = 20;
const DEFAULT_METRIC_COLUMNS = 3;
const FULL_RUN_ID = /^[0-9a-f]{32}$/;

export const runsList: CliCommand = async (parsed, client) => {
  positionals(parsed, []);
  const max = positiveIntFlag(parsed, 'max', DEFAULT_MAX_RUNS, 50000);
  const experiments = await experimentsToSearch(client, stringFlag(parsed, 'experiment'));
  const orderBy = parsed.values['order-by'];
  const response = await client.mlflow<SearchRunsResponse>('POST', 'runs/search', {
    experiment_ids: experiments.map((e) => e.experiment_id),
    filter: stringFlag(parsed, 'filter') ?? '',
    order_by: Array.isArray(orderBy) ? orderBy : [],
    max_results: max,
    run_view_type: 'ACTIVE_ONLY',
  });
  const runs = response.runs ?? [];
  if (parsed.json) return jsonResult({ runs, ...(response.next_page_token ? { truncated: true } : {}) });
  if (runs.length === 0) return { stdout: 'No runs match.' };
  const metricsFlag = stringFlag(parsed, 'metrics');
  const metricKeys =
    metricsFlag !== undefined
      ? metricsFlag
          .split(',')
          .map((k) => k.trim())
          .filter((k) => k !== '')
      : commonMetricKeys(runs, DEFAULT_METRIC_COLUMNS);
  const names = new Map(experiments.map((e) => [e.experiment_id, e.name]));
  const manyExperiments = new Set(runs.map((r) => r.info.experiment_id)).size > 1;
  const columns: Column[] = [
    { header: 'RUN' },
    { header: 'NAME' },
    ...(manyExperiments ? [{ header: 'EXPERIMENT' }] : []),
    { header: 'STATUS' },
    { header: 'START' },
    { header: 'DURATION', align: 'right' },
    ...metricKeys.map((key): Column => ({ header: key, align: 'right' })),
  ];
  const now = Date.now();
  const rows = runs.map((run) => [
    shortId(run.info.run_id),
    run.info.run_name,
    ...(manyExperiments ? [names.get(run.info.experiment_id) ?? run.info.experiment_id] : []),
    run.info.status,
    formatTime(run.info.start_time),
    runDuration(run, now),
    ...metricKeys.map((key) => metricValue(run, key)),
  ]);
  const more = response.next_page_token !== undefined ? `\nMore runs match; show more with --max.` : '';
  return { stdout: `${renderTable(columns, rows)}${more}` };
};

export const runsShow: CliCommand = async (parsed, client) => {
  const [idOrPrefix = ''] = positionals(parsed, ['run-id']);
  const run = await findRun(client, idOrPrefix);
  const versions = await client.mlflow<{ model_versions?: ModelVersion[] }>('GET', 'model-versions/search', {
    filter: `run_id = '${run.info.run_id}'`,
  });
  const registered = versions.model_versions ?? [];
  if (parsed.json) return jsonResult({ run, model_versions: registered });
  const experiment = await client
    .mlflow<{ experiment: Experiment }>('GET', 'experiments/get', { experiment_id: run.info.experiment_id })
    .then((r) => `${r.experiment.name} (${run.info.experiment_id})`)
    .catch(() => run.info.experiment_id);
  return { stdout: describeRun(run, experiment, registered) };
};

/** A full run id, or a unique prefix of one (at least 4 characters). */
async function findRun(client: DaemonClient, idOrPrefix: string): Promise<Run> {
  const id = idOrPrefix.toLowerCase();
  if (FULL_RUN_ID.test(id)) return (await client.mlflow<{ run: Run }>('GET', 'runs/get', { run_id: id })).run;
  if (!/^[0-9a-f]{4,31}$/.test(id))
    throw usageFailure(`'${idOrPrefix}' is not a run id or a prefix of one (4 to 32 hex digits)`);
  const experiments = await experimentsToSearch(client, undefined);
  const found = await client.mlflow<SearchRunsResponse>('POST', 'runs/search', {
    experiment_ids: experiments.map((e) => e.experiment_id),
    filter: `attributes.run_id LIKE '${id}%'`,
    run_view_type: 'ALL',
    max_results: 10,
  });
  const runs = found.runs ?? [];
  if (runs.length === 1 && runs[0] !== undefined) return runs[0];
  if (runs.length === 0) throw new CliFailure(`no run id starts with '${idOrPrefix}'.`, 1);
  const candidates = runs.map((r) => `${r.info.run_id} ${r.info.run_name}`).join('\n  ');
  throw new CliFailure(`'${idOrPrefix}' matches several runs; give more of the id:\n  ${candidates}`, 1);
}

function describeRun(run: Run, experiment: string, registered: readonly ModelVersion[]): string {
  const { info, data } = run;
  const provenance = runProvenance(run);
  const fields: [string, string][] = [
    ['run', info.run_id],
    ['name', info.run_name],
    ['experiment', experiment],
    ['status', info.lifecycle_stage === 'deleted' ? `${info.status} (deleted)` : info.status],
    ['user', info.user_id],
    ['start', formatTime(info.start_time)],
    ['end', formatTime(info.end_time)],
    ['duration', runDuration(run, Date.now())],
    ['artifacts', info.artifact_uri],
    ['source', provenance.source_name ?? ''],
    ['git commit', provenance.git_commit ?? ''],
    ['provenance', provenanceSummary(provenance)],
  ];
  const sections = [renderFields(fields.filter(([, value]) => value !== ''))];
  if (data.params.length > 0) {
    const rows = [...data.params].sort((a, b) => a.key.localeCompare(b.key)).map((p) => [p.key, p.value]);
    sections.push(`Params\n${indent(renderTable([{ header: 'KEY' }, { header: 'VALUE' }], rows))}`);
  }
  if (data.metrics.length > 0) {
    const rows = [...data.metrics]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((m) => [m.key, formatMetricValue(m.value), String(m.step)]);
    const columns: Column[] = [
      { header: 'KEY' },
      { header: 'LATEST', align: 'right' },
      { header: 'STEP', align: 'right' },
    ];
    sections.push(`Metrics\n${indent(renderTable(columns, rows))}`);
  }
  if (provenance.datasets.length > 0) {
    const rows = provenance.datasets.map((d) => [d.name, d.digest, d.context ?? '', d.source]);
    const columns: Column[] = [
      { header: 'NAME' },
      { header: 'DIGEST' },
      { header: 'CONTEXT' },
      { header: 'SOURCE' },
    ];
    sections.push(`Datasets\n${indent(renderTable(columns, rows))}`);
  }
  if (registered.length > 0) {
    const rows = registered.map((v) => [`${v.name}@${v.version}`, v.aliases.join(', '), v.current_stage]);
    const columns: Column[] = [{ header: 'MODEL VERSION' }, { header: 'ALIASES' }, { header: 'STAGE' }];
    sections.push(`Registered as\n${indent(renderTable(columns, rows))}`);
  }
  const userTags = data.tags.filter((t) => !t.key.startsWith('mlflow.'));
  if (userTags.length > 0) {
    const rows = userTags.map((t) => [t.key, t.value]);
    sections.push(`Tags\n${indent(renderTable([{ header: 'KEY' }, { header: 'VALUE' }], rows))}`);
  }
  return sections.join('\n\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
