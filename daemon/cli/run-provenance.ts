/**
 * What a run records about where a model came from: the code (git commit, entry point), the
 * datasets it read (log-inputs) and the environment of the models it logged (MLmodel's
 * python_function flavor, from the `mlflow.log-model.history` tag).
 */
import type { Run } from '../api/contract.ts';
import { tagValue } from './run-display.ts';

export interface DatasetProvenance {
  name: string;
  digest: string;
  source_type: string;
  /** The URI or path inside MLflow's JSON `source`, else the raw text. */
  source: string;
  context?: string;
}

export interface EnvironmentProvenance {
  /** The logged model's artifact path inside the run. */
  artifact_path: string;
  python_version?: string;
  mlflow_version?: string;
  /** Environment files beside the model (conda.yaml, python_env.yaml, requirements.txt). */
  files: string[];
}

export interface RunProvenance {
  git_commit?: string;
  git_repo?: string;
  git_branch?: string;
  source_name?: string;
  datasets: DatasetProvenance[];
  environment?: EnvironmentProvenance;
}

interface LoggedModel {
  artifact_path?: unknown;
  mlflow_version?: unknown;
  flavors?: { python_function?: { python_version?: unknown; env?: unknown } };
}

/** `modelSource` (a version's `source`) picks the logged model it came from, if several. */
export function runProvenance(run: Run, modelSource?: string): RunProvenance {
  const tags = run.data.tags;
  const provenance: RunProvenance = {
    datasets: run.inputs.dataset_inputs.map((input) => {
      const dataset: DatasetProvenance = {
        name: input.dataset.name,
        digest: input.dataset.digest,
        source_type: input.dataset.source_type,
        source: datasetLocation(input.dataset.source),
      };
      const context = tagValue(input.tags, 'mlflow.data.context');
      if (context !== undefined) dataset.context = context;
      return dataset;
    }),
  };
  const fields: [keyof RunProvenance, string][] = [
    ['git_commit', 'mlflow.source.git.commit'],
    ['git_repo', 'mlflow.source.git.repoURL'],
    ['git_branch', 'mlflow.source.git.branch'],
    ['source_name', 'mlflow.source.name'],
  ];
  for (const [field, key] of fields) {
    const value = tagValue(tags, key);
    if (value !== undefined && value !== '') (provenance as unknown as Record<string, string>)[field] = value;
  }
  const environment = loggedModelEnvironment(tagValue(tags, 'mlflow.log-model.history'), run, modelSource);
  if (environment !== undefined) provenance.environment = environment;
  return provenance;
}

/** One short cell: `git 0123abcd · 1 dataset · env`. */
export function provenanceSummary(provenance: RunProvenance): string {
  const parts = [
    provenance.git_commit !== undefined ? `git ${provenance.git_commit.slice(0, 8)}` : 'no git commit',
    provenance.datasets.length === 0
      ? 'no datasets'
      : `${provenance.datasets.length} dataset${provenance.datasets.length === 1 ? '' : 's'}`,
  ];
  if (provenance.environment !== undefined) parts.push('env');
  return parts.join(' · ');
}

function datasetLocation(source: string): string {
  try {
    const parsed = JSON.parse(source) as Record<string, unknown>;
    for (const key of ['uri', 'url', 'path', 'table_name']) {
      if (typeof parsed[key] === 'string') return parsed[key];
    }
  } catch {
    // Not JSON: the source is the location itself.
  }
  return source;
}

function loggedModelEnvironment(
  history: string | undefined,
  run: Run,
  modelSource: string | undefined,
): EnvironmentProvenance | undefined {
  if (history === undefined) return undefined;
  let models: LoggedModel[];
  try {
    const parsed = JSON.parse(history) as unknown;
    models = Array.isArray(parsed) ? (parsed as LoggedModel[]) : [];
  } catch {
    return undefined;
  }
  const prefix = `${run.info.artifact_uri}/`;
  const wanted =
    modelSource?.startsWith(prefix) === true
      ? modelSource.slice(prefix.length).replace(/\/+$/, '')
      : undefined;
  const model =
    models.findLast((m) => wanted !== undefined && m.artifact_path === wanted) ?? models.at(-1) ?? undefined;
  if (model === undefined || typeof model.artifact_path !== 'string') return undefined;
  const pyfunc = model.flavors?.python_function;
  const env = pyfunc?.env;
  const files =
    typeof env === 'string'
      ? [env]
      : typeof env === 'object' && env !== null
        ? Object.values(env).filter((v): v is string => typeof v === 'string')
        : [];
  const environment: EnvironmentProvenance = { artifact_path: model.artifact_path, files };
  if (typeof pyfunc?.python_version === 'string') environment.python_version = pyfunc.python_version;
  if (typeof model.mlflow_version === 'string') environment.mlflow_version = model.mlflow_version;
  return environment;
}
