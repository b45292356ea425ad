/**
 * What a new model version is registered with, taken from the run that produced it: the
 * logged model it points to (framework, signature), the code (`mlflow.source.git.commit`), the
 * training dataset (log-inputs) and the environment lockfile stored beside the model.
 */
import path from 'node:path/posix';
import { DECLARED_PROVENANCE_TAG_PREFIX, type KeyValue, type ProvenanceField } from '../api/contract.ts';
import { readSignature, type ModelSignature } from './mlmodel-signature.ts';
import {
  MLFLOW_ARTIFACTS_SCHEME,
  type LoggedModel,
  type RunDataset,
  type RunEvidence,
} from './run-evidence.ts';
import { invalidParameter } from './tracking-error.ts';

export const GIT_COMMIT_TAG = 'mlflow.source.git.commit';
/** Set by callers that know whether the working tree had uncommitted changes ("true"/"false"). */
export const GIT_DIRTY_TAG = 'mlops_lens.source.git.dirty';
/** A run tag naming the environment lockfile's URI, for lockfiles kept outside the run's artifacts. */
export const LOCKFILE_URI_TAG = 'mlops_lens.environment.lockfile_uri';

/** Lockfiles in the order they are preferred: a pinned requirements file says the most. */
const LOCKFILE_NAMES = [
  'requirements.txt',
  'uv.lock',
  'poetry.lock',
  'Pipfile.lock',
  'conda-lock.yml',
  'conda.yaml',
  'python_env.yaml',
  'environment.yml',
];
const TRAINING_CONTEXTS = new Set(['training', 'train']);
const GIT_COMMIT = /^[0-9a-f]{7,64}$/;

export interface ModelProvenance {
  runId?: string;
  modelArtifactPath?: string;
  framework?: { name: string; version?: string };
  signature?: ModelSignature;
  gitCommit?: string;
  gitDirty?: boolean;
  datasetSnapshotUri?: string;
  environmentLockfileUri?: string;
  environmentLockfileSha256?: string;
}

export function modelProvenance(source: string, run: RunEvidence | undefined): ModelProvenance {
  if (run === undefined) return {};
  const result: ModelProvenance = { runId: run.runId };
  const modelPath = modelPathInRun(source, run);
  if (modelPath !== undefined) result.modelArtifactPath = modelPath;
  const model = loggedModelAt(run.loggedModels, modelPath);
  if (model !== undefined) {
    const framework = frameworkOf(model);
    if (framework !== undefined) result.framework = framework;
    const signature = readSignature(model.signature);
    if (signature !== undefined) result.signature = signature;
  }
  const commit = run.tags.get(GIT_COMMIT_TAG)?.trim().toLowerCase();
  if (commit !== undefined && GIT_COMMIT.test(commit)) result.gitCommit = commit;
  const dirty = run.tags.get(GIT_DIRTY_TAG);
  if (dirty === 'true' || dirty === 'false') result.gitDirty = dirty === 'true';
  const dataset = trainingDataset(run.datasets);
  const datasetUri = dataset === undefined ? undefined : datasetUriOf(dataset.source);
  if (datasetUri !== undefined) result.datasetSnapshotUri = datasetUri;
  Object.assign(result, lockfileOf(run, modelPath));
  return result;
}

const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/**
 * Fills what the run did not record from the version's declared provenance tags; a declared
 * value that is not a commit SHA or a URI is refused.
 */
export function withDeclaredProvenance(
  provenance: ModelProvenance,
  tags: readonly KeyValue[],
): ModelProvenance {
  const declared = (field: string): string | undefined =>
    tags.findLast((t) => t.key === `${DECLARED_PROVENANCE_TAG_PREFIX}${field}`)?.value.trim();
  const check = (
    field: string,
    value: string | undefined,
    pattern: RegExp,
    what: string,
  ): string | undefined => {
    if (value === undefined) return undefined;
    if (!pattern.test(value))
      throw invalidParameter(
        `Tag '${DECLARED_PROVENANCE_TAG_PREFIX}${field}' must be ${what}, got '${value}'.`,
      );
    return value;
  };
  const commit = check('git_commit', declared('git_commit')?.toLowerCase(), GIT_COMMIT, 'a hex commit SHA');
  const dataset = check('dataset_snapshot_uri', declared('dataset_snapshot_uri'), URI, 'a URI');
  const lockfile = check('environment_lockfile_uri', declared('environment_lockfile_uri'), URI, 'a URI');
  const result = { ...provenance };
  if (result.gitCommit === undefined && commit !== undefined) result.gitCommit = commit;
  if (result.datasetSnapshotUri === undefined && dataset !== undefined) result.datasetSnapshotUri = dataset;
  if (result.environmentLockfileUri === undefined && lockfile !== undefined)
    result.environmentLockfileUri = lockfile;
  return result;
}

/** The provenance fields ModelRegistryMetadata requires and this version lacks. */
export function missingProvenance(provenance: ModelProvenance): ProvenanceField[] {
  const missing: ProvenanceField[] = [];
  if (provenance.gitCommit === undefined) missing.push('git_commit');
  if (provenance.datasetSnapshotUri === undefined) missing.push('dataset_snapshot_uri');
  return missing;
}

/** `source` relative to the run's artifact root ('' for the root itself). */
function modelPathInRun(source: string, run: RunEvidence): string | undefined {
  const runsPrefix = `runs:/${run.runId}`;
  for (const root of [run.artifactUri, runsPrefix]) {
    if (source === root) return '';
    if (source.startsWith(`${root}/`)) return source.slice(root.length + 1).replace(/\/+$/, '');
  }
  return undefined;
}

function loggedModelAt(
  models: readonly LoggedModel[],
  modelPath: string | undefined,
): LoggedModel | undefined {
  if (modelPath !== undefined) {
    const exact = models.findLast((m) => m.artifact_path === modelPath);
    if (exact !== undefined) return exact;
  }
  return models.length === 1 ? models[0] : undefined;
}

/** The first flavor besides python_function, with its `<flavor>_version` (sklearn_version, …). */
function frameworkOf(model: LoggedModel): { name: string; version?: string } | undefined {
  const flavors = Object.entries(model.flavors ?? {});
  const [name, fields] = flavors.find(([flavor]) => flavor !== 'python_function') ?? flavors[0] ?? [];
  if (name === undefined) return undefined;
  const versionField = Object.entries(fields ?? {}).find(
    ([key, value]) => key.endsWith('_version') && key !== 'python_version' && typeof value === 'string',
  );
  const version = versionField?.[1] ?? (name === 'python_function' ? model.mlflow_version : undefined);
  return typeof version === 'string' && version !== '' ? { name, version } : { name };
}

function trainingDataset(datasets: readonly RunDataset[]): RunDataset | undefined {
  return (
    datasets.find((d) => d.context !== undefined && TRAINING_CONTEXTS.has(d.context.toLowerCase())) ??
    datasets.find((d) => datasetUriOf(d.source) !== undefined)
  );
}

/** The URI inside MLflow's JSON dataset `source` (`{"uri": …}`, `{"url": …}`, `{"path": …}`), or the source itself. */
export function datasetUriOf(source: string): string | undefined {
  let location: string | undefined = source;
  try {
    const parsed = JSON.parse(source) as Record<string, unknown>;
    location = ['uri', 'url', 'path']
      .map((key) => parsed[key])
      .find((v): v is string => typeof v === 'string');
  } catch {
    // Not JSON: the source is the location itself.
  }
  if (location === undefined || location === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return location;
  return location.startsWith('/') ? `file://${encodeURI(location)}` : undefined;
}

/** The environment lockfile of a model logged at `modelPath` (or of the run), preferred by name. */
export function lockfileOf(run: RunEvidence, modelPath: string | undefined): ModelProvenance {
  const stored = run.artifactUri.startsWith(MLFLOW_ARTIFACTS_SCHEME);
  const rank = (file: string): number => LOCKFILE_NAMES.indexOf(path.basename(file));
  const candidates = run.artifacts
    .filter((a) => rank(a.path) >= 0)
    .sort((a, b) => {
      // Files beside the registered model first, then by preferred name, then the shallowest.
      const nearA = modelPath !== undefined && path.dirname(a.path) === modelPath ? 0 : 1;
      const nearB = modelPath !== undefined && path.dirname(b.path) === modelPath ? 0 : 1;
      return (
        nearA - nearB || rank(a.path) - rank(b.path) || a.path.split('/').length - b.path.split('/').length
      );
    });
  const lockfile = stored ? candidates[0] : undefined;
  if (lockfile !== undefined) {
    return {
      environmentLockfileUri: `${run.artifactUri}/${lockfile.path}`,
      environmentLockfileSha256: lockfile.sha256,
    };
  }
  const tagged = run.tags.get(LOCKFILE_URI_TAG);
  return tagged !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(tagged)
    ? { environmentLockfileUri: tagged }
    : {};
}
