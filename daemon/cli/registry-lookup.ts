/** Reads the CLI needs from the registry: a model, its versions, a version by number or alias. */
import type { ModelVersion, RegisteredModel, Run } from '../api/contract.ts';
import { CliFailure } from './cli-failure.ts';
import type { DaemonClient } from './daemon-client.ts';

/** A string literal of MLflow's filter grammar (a quote doubles). */
export function filterLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export async function getModel(client: DaemonClient, name: string): Promise<RegisteredModel> {
  return (
    await client.mlflow<{ registered_model: RegisteredModel }>('GET', 'registered-models/get', { name })
  ).registered_model;
}

/** The model's highest version number among its latest versions per stage. */
export function latestVersion(model: RegisteredModel): ModelVersion | undefined {
  return model.latest_versions.reduce<ModelVersion | undefined>(
    (best, v) => (best === undefined || Number(v.version) > Number(best.version) ? v : best),
    undefined,
  );
}

export async function allVersions(client: DaemonClient, name: string): Promise<ModelVersion[]> {
  const versions: ModelVersion[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.mlflow<{ model_versions?: ModelVersion[]; next_page_token?: string }>(
      'GET',
      'model-versions/search',
      {
        filter: `name = ${filterLiteral(name)}`,
        order_by: 'version_number DESC',
        max_results: 1000,
        page_token: pageToken,
      },
    );
    versions.push(...(page.model_versions ?? []));
    pageToken = page.next_page_token;
  } while (pageToken !== undefined);
  return versions;
}

/** `versionOrAlias` is a version number (`3`, `v3`) or an alias (`production`). */
export async function resolveVersion(
  client: DaemonClient,
  name: string,
  versionOrAlias: string,
): Promise<ModelVersion> {
  const number = /^v?(\d+)$/i.exec(versionOrAlias)?.[1];
  if (number !== undefined) {
    return (
      await client.mlflow<{ model_version: ModelVersion }>('GET', 'model-versions/get', {
        name,
        version: number,
      })
    ).model_version;
  }
  await getModel(client, name);
  return (
    await client.mlflow<{ model_version: ModelVersion }>('GET', 'registered-models/alias', {
      name,
      alias: versionOrAlias,
    })
  ).model_version;
}

/** The version's alias target, or undefined when the alias is not set. */
export async function aliasTarget(
  client: DaemonClient,
  name: string,
  alias: string,
): Promise<string | undefined> {
  try {
    return (
      await client.mlflow<{ model_version: ModelVersion }>('GET', 'registered-models/alias', { name, alias })
    ).model_version.version;
  } catch (error) {
    if (error instanceof CliFailure && error.exitCode === 1) return undefined;
    throw error;
  }
}

/** The runs behind versions, fetched once each; a run that is gone maps to undefined. */
export async function runsOf(
  client: DaemonClient,
  versions: readonly ModelVersion[],
): Promise<Map<string, Run | undefined>> {
  const runs = new Map<string, Run | undefined>();
  for (const runId of new Set(versions.map((v) => v.run_id).filter((id) => id !== ''))) {
    try {
      runs.set(runId, (await client.mlflow<{ run: Run }>('GET', 'runs/get', { run_id: runId })).run);
    } catch (error) {
      if (!(error instanceof CliFailure && error.exitCode === 1)) throw error;
      runs.set(runId, undefined);
    }
  }
  return runs;
}
