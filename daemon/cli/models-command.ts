/** `mlops-lens models list|versions|promote|rollback`. */
import {
  NATIVE_API_PREFIX,
  type ModelVersion,
  type RegisteredModel,
  type RollbackAliasRequest,
  type RollbackAliasResponse,
  type Run,
} from '../api/contract.ts';
import { positionals, stringFlag, type ParsedCommand } from './cli-args.ts';
import { usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import { allVersions, aliasTarget, getModel, latestVersion, runsOf } from './registry-lookup.ts';
import { formatTime, shortId } from './run-display.ts';
import { provenanceSummary, runProvenance } from './run-provenance.ts';
import { renderTable, type Column } from './text-table.ts';

export const MODELS_OPTIONS = { alias: { type: 'string' } } as const;

export const modelsList: CliCommand = async (parsed, client) => {
  positionals(parsed, []);
  const models: RegisteredModel[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.mlflow<{ registered_models?: RegisteredModel[]; next_page_token?: string }>(
      'GET',
      'registered-models/search',
      { max_results: 1000, order_by: 'name ASC', page_token: pageToken },
    );
    models.push(...(page.registered_models ?? []));
    pageToken = page.next_page_token;
  } while (pageToken !== undefined);
  const latest = new Map(models.map((m) => [m.name, latestVersion(m)]));
  const runs = await runsOf(
    client,
    [...latest.values()].filter((v): v is ModelVersion => v !== undefined),
  );
  if (parsed.json) {
    return jsonResult({
      registered_models: models.map((model) => {
        const version = latest.get(model.name);
        const run = version === undefined ? undefined : runs.get(version.run_id);
        return {
          ...model,
          latest_version: version?.version,
          provenance: run && runProvenance(run, version?.source),
        };
      }),
    });
  }
  if (models.length === 0) return { stdout: 'No registered models.' };
  const columns: Column[] = [
    { header: 'MODEL' },
    { header: 'LATEST', align: 'right' },
    { header: 'ALIASES' },
    { header: 'UPDATED' },
    { header: 'PROVENANCE (latest)' },
  ];
  const rows = models.map((model) => {
    const version = latest.get(model.name);
    return [
      model.name,
      version?.version ?? '-',
      aliasList(model),
      formatTime(model.last_updated_timestamp),
      version === undefined ? '' : provenanceCell(version, runs),
    ];
  });
  return { stdout: renderTable(columns, rows) };
};

export const modelsVersions: CliCommand = async (parsed, client) => {
  const [name = ''] = positionals(parsed, ['model']);
  await getModel(client, name);
  const versions = await allVersions(client, name);
  const runs = await runsOf(client, versions);
  if (parsed.json) {
    return jsonResult({
      model_versions: versions.map((v) => {
        const run = runs.get(v.run_id);
        return { ...v, provenance: run && runProvenance(run, v.source) };
      }),
    });
  }
  if (versions.length === 0) return { stdout: `${name} has no versions.` };
  const columns: Column[] = [
    { header: 'VERSION', align: 'right' },
    { header: 'ALIASES' },
    { header: 'STAGE' },
    { header: 'CREATED' },
    { header: 'RUN' },
    { header: 'PROVENANCE' },
  ];
  const rows = versions.map((v) => [
    v.version,
    v.aliases.join(', '),
    v.current_stage,
    formatTime(v.creation_timestamp),
    v.run_id === '' ? '-' : shortId(v.run_id),
    provenanceCell(v, runs),
  ]);
  return { stdout: renderTable(columns, rows) };
};

export const modelsPromote: CliCommand = async (parsed, client) => {
  const [name = '', versionText = ''] = positionals(parsed, ['model', 'version']);
  const alias = requiredAlias(parsed);
  const version = /^v?(\d+)$/i.exec(versionText)?.[1];
  if (version === undefined) throw usageFailure(`<version> must be a version number, not '${versionText}'`);
  await getModel(client, name);
  const previous = await aliasTarget(client, name, alias);
  await client.mlflow('POST', 'registered-models/alias', { name, alias, version });
  if (parsed.json) return jsonResult({ name, alias, version, previous_version: previous ?? null });
  const was = previous === undefined ? 'was not set' : previous === version ? 'unchanged' : `was ${previous}`;
  return { stdout: `${name}@${alias} -> version ${version} (${was})` };
};

export const modelsRollback: CliCommand = async (parsed, client) => {
  const [name = ''] = positionals(parsed, ['model']);
  const alias = requiredAlias(parsed);
  const body: RollbackAliasRequest = { name, alias };
  const result = await client.call<RollbackAliasResponse>({
    method: 'POST',
    path: `${NATIVE_API_PREFIX}/registry/aliases/rollback`,
    body,
  });
  if (parsed.json) {
    return jsonResult({
      name,
      alias,
      version: result.model_version.version,
      previous_version: result.rolled_back_from,
    });
  }
  return {
    stdout: `${name}@${alias} rolled back -> version ${result.model_version.version} (was ${result.rolled_back_from})`,
  };
};

function requiredAlias(parsed: ParsedCommand): string {
  const alias = stringFlag(parsed, 'alias');
  if (alias === undefined || alias === '')
    throw usageFailure('--alias ALIAS is required (e.g. --alias production)');
  return alias;
}

function aliasList(model: RegisteredModel): string {
  return [...model.aliases]
    .sort((a, b) => a.alias.localeCompare(b.alias))
    .map((a) => `${a.alias}=${a.version}`)
    .join(', ');
}

function provenanceCell(version: ModelVersion, runs: Map<string, Run | undefined>): string {
  if (version.run_id === '') return 'no run';
  const run = runs.get(version.run_id);
  if (run === undefined) return `run ${shortId(version.run_id)} not found`;
  return `run ${shortId(version.run_id)} · ${provenanceSummary(runProvenance(run, version.source))}`;
}
