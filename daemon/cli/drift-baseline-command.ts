/**
 * `mlops-lens drift baseline <model>@<version|alias> [--dataset NAME | --artifact PATH] [--prediction-column C]`:
 * records the version's drift baseline (with its data schema) from the data its training run
 * logged: a dataset of the run by name, or one of the run's artifacts by its path. With neither,
 * the run's only logged dataset, or the one tagged as its training context (`mlflow.data.context`
 * = `train`/`training`).
 */
import { NATIVE_API_PREFIX } from '../api/contract.ts';
import type { CreateDriftBaselineRequest, CreateDriftBaselineResponse } from '../api/drift-contract.ts';
import type { Run } from '../api/mlflow-contract.ts';
import { positionals, stringFlag } from './cli-args.ts';
import { CliFailure, usageFailure } from './cli-failure.ts';
import type { DaemonClient } from './daemon-client.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import { resolveVersion } from './registry-lookup.ts';
import { renderFields } from './text-table.ts';

export const DRIFT_BASELINE_OPTIONS = {
  dataset: { type: 'string' },
  artifact: { type: 'string' },
  'prediction-column': { type: 'string' },
} as const;

export const driftBaseline: CliCommand = async (parsed, client) => {
  const [reference = ''] = positionals(parsed, ['model@version']);
  const at = reference.lastIndexOf('@');
  if (at <= 0 || at === reference.length - 1)
    throw usageFailure(`expected <model>@<version> (or <model>@<alias>), not '${reference}'`);
  const dataset = stringFlag(parsed, 'dataset');
  const artifact = stringFlag(parsed, 'artifact');
  if (dataset !== undefined && artifact !== undefined)
    throw usageFailure('give --dataset or --artifact, not both');
  const name = reference.slice(0, at);
  const version = await resolveVersion(client, name, reference.slice(at + 1));
  if (!version.run_id)
    throw new CliFailure(
      `${name}@${version.version} names no training run, so there is no logged data to record`,
      1,
    );
  const source =
    artifact !== undefined
      ? { artifact_path: artifact }
      : { dataset_name: dataset ?? (await trainingDataset(client, version.run_id)) };
  const request: CreateDriftBaselineRequest = {
    model_name: name,
    model_version: version.version,
    from_run_dataset: { run_id: version.run_id, ...source },
  };
  const predictionColumn = stringFlag(parsed, 'prediction-column');
  if (predictionColumn !== undefined) request.prediction_column = predictionColumn;
  const { baseline } = await client.call<CreateDriftBaselineResponse>({
    method: 'POST',
    path: `${NATIVE_API_PREFIX}/drift/baselines`,
    body: request,
  });
  if (parsed.json) return jsonResult(baseline);
  return {
    stdout: renderFields([
      ['baseline', baseline.baseline_id],
      ['model', `${baseline.model_name}@${baseline.model_version ?? version.version}`],
      ['run', baseline.run_id ?? version.run_id],
      ['rows', String(baseline.row_count)],
      [
        'features',
        baseline.features
          .filter((f) => !f.is_prediction)
          .map((f) => `${f.name} (${f.type})`)
          .join(', '),
      ],
      ['prediction', baseline.features.find((f) => f.is_prediction)?.name ?? 'none'],
    ]),
  };
};

const TRAINING_CONTEXTS = new Set(['train', 'training']);

/** The run's only logged dataset, or the one logged in a training context; else a refusal naming them. */
async function trainingDataset(client: DaemonClient, runId: string): Promise<string> {
  const { run } = await client.mlflow<{ run: Run }>('GET', 'runs/get', { run_id: runId });
  const inputs = run.inputs.dataset_inputs;
  const training = inputs.filter((input) =>
    input.tags.some((tag) => tag.key === 'mlflow.data.context' && TRAINING_CONTEXTS.has(tag.value)),
  );
  const chosen = inputs.length === 1 ? inputs : training;
  if (chosen.length === 1 && chosen[0]) return chosen[0].dataset.name;
  if (inputs.length === 0)
    throw new CliFailure(`run ${runId} logged no dataset; name one of its artifacts with --artifact PATH`, 1);
  throw new CliFailure(
    `run ${runId} logged ${inputs.length} datasets (${inputs.map((i) => i.dataset.name).join(', ')}); choose one with --dataset NAME`,
    1,
  );
}
