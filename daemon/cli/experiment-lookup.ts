/** The experiments a runs command looks in: all active ones, or the one the user named. */
import type { Experiment, SearchExperimentsResponse } from '../api/contract.ts';
import { CliFailure } from './cli-failure.ts';
import type { DaemonClient } from './daemon-client.ts';

export async function activeExperiments(client: DaemonClient): Promise<Experiment[]> {
  const experiments: Experiment[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.mlflow<SearchExperimentsResponse>('POST', 'experiments/search', {
      max_results: 1000,
      view_type: 'ACTIVE_ONLY',
      ...(pageToken !== undefined ? { page_token: pageToken } : {}),
    });
    experiments.push(...page.experiments);
    pageToken = page.next_page_token;
  } while (pageToken !== undefined);
  return experiments;
}

/** `nameOrId` matches an experiment id first, then a name. */
export async function experimentsToSearch(
  client: DaemonClient,
  nameOrId: string | undefined,
): Promise<Experiment[]> {
  const experiments = await activeExperiments(client);
  if (nameOrId === undefined) return experiments;
  const found =
    experiments.find((e) => e.experiment_id === nameOrId) ?? experiments.find((e) => e.name === nameOrId);
  if (found === undefined) {
    const known = experiments.map((e) => `${e.name} (${e.experiment_id})`).join(', ');
    throw new CliFailure(
      `no active experiment named or numbered '${nameOrId}'. Known: ${known || 'none'}.`,
      1,
    );
  }
  return [found];
}
