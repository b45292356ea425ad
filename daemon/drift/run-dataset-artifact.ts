/**
 * Finds the stored artifact behind a run's logged dataset, or behind an artifact path of the
 * run, and reads its bytes from the content-addressed store. A dataset names its file by a
 * source URI inside the run's artifacts (`runs:/<id>/…`, the run's `mlflow-artifacts:/` root,
 * or a path relative to that root) or by a digest that is the SHA-256 (or a prefix of at least
 * 8 hex digits) of one of the run's CSV or Parquet artifacts. Paths pass the artifact path
 * checks, so nothing outside the run's artifacts can be named.
 */
import type { Readable } from 'node:stream';
import type { Dataset, RunDatasetReference } from '../api/contract.ts';
import type { ArtifactEntry } from '../store/artifact-index.ts';
import { validateArtifactPath } from '../store/artifact-path.ts';
import { datasetUriOf } from '../store/model-provenance.ts';
import { MLFLOW_ARTIFACTS_SCHEME } from '../store/run-evidence.ts';
import { invalidParameter, notFound } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { baselineFormatOf, type BaselineFileFormat } from './baseline-file.ts';

export interface RunDatasetArtifact {
  /** The path under the run's artifact root. */
  path: string;
  entry: ArtifactEntry;
  format: BaselineFileFormat;
  /** How errors name the file: `artifact <path> of run <id>`. */
  label: string;
}

const DIGEST_PREFIX = /^[0-9a-f]{8,64}$/;

/** Call inside a store read: resolves the reference to one stored CSV or Parquet artifact. */
export function locateRunDatasetArtifact(
  store: TrackingStore,
  reference: RunDatasetReference,
): RunDatasetArtifact {
  const { run_id: runId, dataset_name: datasetName, artifact_path: artifactPath } = reference;
  if ((datasetName === undefined) === (artifactPath === undefined))
    throw invalidParameter("'from_run_dataset' needs either 'dataset_name' or 'artifact_path'.");
  const run = store.getRun(runId);
  const uri = run.info.artifact_uri;
  if (!uri.startsWith(MLFLOW_ARTIFACTS_SCHEME))
    throw invalidParameter(
      `Run ${runId} stores its artifacts at '${uri}', not in this daemon; give the baseline a 'file' instead.`,
    );
  const root = uri.slice(MLFLOW_ARTIFACTS_SCHEME.length).replace(/\/+$/, '');
  const relative =
    artifactPath !== undefined
      ? validateArtifactPath(artifactPath)
      : datasetArtifactPath(
          store,
          runId,
          root,
          datasetOf(run.inputs.dataset_inputs, runId, datasetName ?? ''),
        );
  const label = `artifact ${relative} of run ${runId}`;
  const format = baselineFormatOf(relative);
  if (format === undefined)
    throw invalidParameter(`Unsupported format: ${label} is neither a .csv nor a .parquet file.`);
  const entry = store.artifacts.find(`${root}/${relative}`);
  if (entry === undefined) throw notFound(`Artifact missing: ${label} is not stored.`);
  return { path: relative, entry, format, label };
}

/** The artifact's bytes; `read` is the blob store's reader. */
export async function readArtifactBytes(
  artifact: RunDatasetArtifact,
  read: (sha256: string) => Readable,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of read(artifact.entry.sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function datasetOf(inputs: readonly { dataset: Dataset }[], runId: string, name: string): Dataset {
  const dataset = inputs.find((input) => input.dataset.name === name)?.dataset;
  if (dataset !== undefined) return dataset;
  const logged = inputs.map((input) => `'${input.dataset.name}'`);
  throw notFound(
    `Dataset not found: run ${runId} logged no dataset named '${name}'` +
      (logged.length === 0 ? ' (it logged no datasets).' : ` (it logged ${logged.join(', ')}).`),
  );
}

function datasetArtifactPath(store: TrackingStore, runId: string, root: string, dataset: Dataset): string {
  const uri = datasetUriOf(dataset.source) ?? relativeSource(dataset.source);
  const fromUri = uri === undefined ? undefined : pathUnderRun(uri, runId, root);
  if (fromUri !== undefined && store.artifacts.find(`${root}/${validateArtifactPath(fromUri)}`) !== undefined)
    return fromUri;
  const digest = dataset.digest.toLowerCase();
  if (DIGEST_PREFIX.test(digest)) {
    const matches = store.artifacts
      .filesUnder(root)
      .filter((file) => file.sha256.startsWith(digest) && baselineFormatOf(file.path) !== undefined);
    if (matches.length === 1 && matches[0] !== undefined) return matches[0].path.slice(root.length + 1);
  }
  throw notFound(
    `Artifact missing: dataset '${dataset.name}' of run ${runId} has source '${dataset.source}' and digest ` +
      `'${dataset.digest}', and neither names a CSV or Parquet artifact of the run; give 'artifact_path'.`,
  );
}

/** A bare relative path in a dataset's source is read as relative to the run's artifact root. */
function relativeSource(source: string): string | undefined {
  let location: unknown = source;
  try {
    const parsed = JSON.parse(source) as Record<string, unknown>;
    location = parsed['uri'] ?? parsed['path'];
  } catch {
    // Not JSON: the source is the location itself.
  }
  return typeof location === 'string' && location !== '' && !location.startsWith('/') ? location : undefined;
}

function pathUnderRun(uri: string, runId: string, root: string): string | undefined {
  const runsPrefix = `runs:/${runId}/`;
  if (uri.startsWith(runsPrefix)) return uri.slice(runsPrefix.length);
  for (const prefix of [`${MLFLOW_ARTIFACTS_SCHEME}${root}/`, `${MLFLOW_ARTIFACTS_SCHEME}/${root}/`])
    if (uri.startsWith(prefix)) return uri.slice(prefix.length);
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return undefined;
  return uri;
}
