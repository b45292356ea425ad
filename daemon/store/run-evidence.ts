/**
 * What a run recorded that tells where a model came from, read straight from the tracking
 * tables: its tags, the datasets it read (log-inputs), the models it logged (the
 * `mlflow.log-model.history` tag) and the artifact files stored under its artifact URI.
 * Model metadata and lineage are both built from this.
 */
import type Database from 'better-sqlite3';
import { LOG_MODEL_HISTORY_TAG } from './run-logging.ts';

/** The MLflow artifact scheme the daemon serves; only such URIs have files in its index. */
export const MLFLOW_ARTIFACTS_SCHEME = 'mlflow-artifacts:/';

export interface RunDataset {
  datasetId: number;
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  context?: string;
}

/** One entry of the log-model history: an MLmodel file as JSON. */
export interface LoggedModel {
  artifact_path?: unknown;
  flavors?: Record<string, Record<string, unknown> | undefined>;
  signature?: { inputs?: unknown; outputs?: unknown } | null;
  mlflow_version?: unknown;
}

export interface RunArtifact {
  /** Relative to the run's artifact root. */
  path: string;
  sha256: string;
  size: number;
}

export interface RunEvidence {
  runId: string;
  experimentId: string;
  runName: string;
  status: string;
  startTime: number;
  artifactUri: string;
  tags: ReadonlyMap<string, string>;
  params: ReadonlyMap<string, string>;
  /** The latest value of each metric (NaN as the string "NaN"), by key. */
  latestMetrics: ReadonlyMap<string, number | 'NaN'>;
  datasets: readonly RunDataset[];
  loggedModels: readonly LoggedModel[];
  artifacts: readonly RunArtifact[];
}

interface RunHead {
  run_id: string;
  experiment_id: number;
  run_name: string;
  status: string;
  start_time: number;
  artifact_uri: string;
}

/** The run's evidence, or undefined when there is no such run. */
export function readRunEvidence(db: Database.Database, runId: string): RunEvidence | undefined {
  const run = db
    .prepare(
      'SELECT run_id, experiment_id, run_name, status, start_time, artifact_uri FROM runs WHERE run_id = ?',
    )
    .get(runId) as RunHead | undefined;
  if (run === undefined) return undefined;
  const tags = new Map(
    (db.prepare('SELECT key, value FROM tags WHERE run_id = ?').all(runId) as KeyValueRow[]).map((t) => [
      t.key,
      t.value,
    ]),
  );
  const params = new Map(
    (
      db.prepare('SELECT key, value FROM params WHERE run_id = ? ORDER BY key').all(runId) as KeyValueRow[]
    ).map((p) => [p.key, p.value]),
  );
  const latestMetrics = new Map(
    (
      db
        .prepare('SELECT key, value, is_nan FROM latest_metrics WHERE run_id = ? ORDER BY key')
        .all(runId) as {
        key: string;
        value: number;
        is_nan: number;
      }[]
    ).map((m) => [m.key, m.is_nan === 1 ? ('NaN' as const) : m.value]),
  );
  return {
    runId,
    experimentId: String(run.experiment_id),
    runName: run.run_name,
    status: run.status,
    startTime: run.start_time,
    artifactUri: run.artifact_uri,
    tags,
    params,
    latestMetrics,
    datasets: readDatasets(db, runId),
    loggedModels: parseLoggedModels(tags.get(LOG_MODEL_HISTORY_TAG)),
    artifacts: readArtifacts(db, run.artifact_uri),
  };
}

/** The id of the run whose artifacts hold `source` (`runs:/<id>/…` or under its artifact URI). */
export function runIdOfSource(db: Database.Database, source: string): string | undefined {
  const runsUri = /^runs:\/([0-9a-zA-Z]+)(\/|$)/.exec(source);
  const candidate =
    runsUri?.[1] ?? /^mlflow-artifacts:\/[^/]+\/([0-9a-zA-Z]+)\/artifacts(\/|$)/.exec(source)?.[1];
  if (candidate === undefined) return undefined;
  const row = db.prepare('SELECT artifact_uri FROM runs WHERE run_id = ?').get(candidate) as
    { artifact_uri: string } | undefined;
  if (row === undefined) return undefined;
  const underRun = source === row.artifact_uri || source.startsWith(`${row.artifact_uri}/`);
  return runsUri !== null || underRun ? candidate : undefined;
}

interface KeyValueRow {
  key: string;
  value: string;
}

function readDatasets(db: Database.Database, runId: string): RunDataset[] {
  const rows = db
    .prepare(
      `SELECT d.dataset_id, d.name, d.digest, d.source_type, d.source,
              (SELECT value FROM run_input_tags t
                WHERE t.run_id = i.run_id AND t.dataset_id = i.dataset_id AND t.key = 'mlflow.data.context') AS context
         FROM run_inputs i JOIN datasets d ON d.dataset_id = i.dataset_id
        WHERE i.run_id = ? ORDER BY i.position`,
    )
    .all(runId) as {
    dataset_id: number;
    name: string;
    digest: string;
    source_type: string;
    source: string;
    context: string | null;
  }[];
  return rows.map((r) => ({
    datasetId: r.dataset_id,
    name: r.name,
    digest: r.digest,
    sourceType: r.source_type,
    source: r.source,
    ...(r.context === null ? {} : { context: r.context }),
  }));
}

function parseLoggedModels(history: string | undefined): LoggedModel[] {
  if (history === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(history);
    return Array.isArray(parsed)
      ? parsed.filter((m): m is LoggedModel => typeof m === 'object' && m !== null)
      : [];
  } catch {
    return [];
  }
}

/** The artifact files under the run's root, when the daemon itself stores them. */
function readArtifacts(db: Database.Database, artifactUri: string): RunArtifact[] {
  if (!artifactUri.startsWith(MLFLOW_ARTIFACTS_SCHEME)) return [];
  const root = `${artifactUri.slice(MLFLOW_ARTIFACTS_SCHEME.length).replace(/\/+$/, '')}/`;
  // '/' + 1 is '0': the range holds exactly the paths under `root`.
  const rows = db
    .prepare('SELECT path, sha256, size FROM artifact_files WHERE path >= ? AND path < ? ORDER BY path')
    .all(root, `${root.slice(0, -1)}0`) as RunArtifact[];
  return rows.map((r) => ({ ...r, path: r.path.slice(root.length) }));
}
