/**
 * Imports `<folder>/mlruns` into the tracking store. Experiments map to the local experiment of
 * the same name (created when missing); runs keep MLflow's run ids and carry the
 * `mlops_lens.imported_from` tag. Params and tags are re-read on every pass (params are
 * write-once, tags last-write-wins), metric files are read from the byte offset the last pass
 * stopped at, so a pass over an unchanged tree writes nothing new. Each run is one transaction;
 * a run that cannot be imported is logged and skipped.
 */
import path from 'node:path';
import type { ChangeFeed } from '../http/events/change-feed.ts';
import type { Logger } from '../log/logger.ts';
import type { MetricPoint } from '../store/run-logging.ts';
import { MAX_METRICS_PER_BATCH, MAX_PARAMS_PER_BATCH } from '../store/tracking-limits.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import {
  keyFiles,
  readExperiments,
  readMetricLines,
  readRuns,
  readValues,
  type FileStoreRun,
  type ProblemSink,
} from './mlflow-file-store.ts';

/** Where imported changes are announced (the daemon's change feed), after they committed. */
export type ImportChangeSink = Pick<ChangeFeed, 'publish' | 'metricsLogged'>;

const NO_CHANGE_SINK: ImportChangeSink = { publish: () => undefined, metricsLogged: () => undefined };

interface RunImport {
  created: boolean;
  keys: string[];
  points: number;
}

export interface MlrunsImportSummary {
  experiments: number;
  runs: number;
  points: number;
  skipped: number;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function importMlruns(
  store: TrackingStore,
  folder: string,
  logger: Logger,
  changes: ImportChangeSink = NO_CHANGE_SINK,
): MlrunsImportSummary {
  const mlrunsDir = path.join(folder, 'mlruns');
  const summary: MlrunsImportSummary = { experiments: 0, runs: 0, points: 0, skipped: 0 };
  const problem: ProblemSink = (file, reason) => {
    summary.skipped += 1;
    logger.warn('mlruns import skipped a file', { file, reason });
  };
  for (const experiment of readExperiments(mlrunsDir, problem)) {
    const experimentId = store.write(() =>
      store.workspaces.experimentNamed(experiment.name, experiment.artifactLocation),
    );
    summary.experiments += 1;
    for (const run of readRuns(experiment.dir, problem)) {
      try {
        const imported = importRun(store, experimentId, run, problem);
        if (imported === undefined) continue;
        summary.points += imported.points;
        summary.runs += 1;
        if (imported.created)
          changes.publish({ type: 'run_created', run_id: run.runId, experiment_id: experimentId });
        changes.metricsLogged(run.runId, imported.keys, imported.points);
      } catch (error) {
        summary.skipped += 1;
        logger.warn('mlruns import skipped a run', { run: run.dir, error });
      }
    }
  }
  return summary;
}

/** One run in one transaction; undefined when its id belongs to a run imported from elsewhere. */
function importRun(
  store: TrackingStore,
  experimentId: string,
  run: FileStoreRun,
  problem: ProblemSink,
): RunImport | undefined {
  const params = readValues(path.join(run.dir, 'params'), problem);
  const tags = readValues(path.join(run.dir, 'tags'), problem);
  return store.write(() => {
    const owned = store.workspaces.upsertImportedRun({
      runId: run.runId,
      experimentId,
      runName: run.runName || (tags.find((t) => t.key === 'mlflow.runName')?.value ?? run.runId),
      userId: run.userId,
      status: run.status,
      startTime: run.startTime,
      endTime: run.endTime,
      artifactUri: run.artifactUri,
      sourceFolder: run.dir,
    });
    if (owned === 'foreign') {
      problem(path.join(run.dir, 'meta.yaml'), 'a run with this id exists and was not imported from here');
      return undefined;
    }
    for (const batch of chunks(params, MAX_PARAMS_PER_BATCH)) store.logBatch(run.runId, { params: batch });
    for (const batch of chunks(tags, MAX_PARAMS_PER_BATCH)) store.logBatch(run.runId, { tags: batch });
    let points = 0;
    const keys: string[] = [];
    for (const [key, file] of keyFiles(path.join(run.dir, 'metrics'))) {
      const lines = readMetricLines(file, key, store.workspaces.metricOffset(run.runId, key));
      for (const line of lines.malformed) problem(file, `malformed metric line '${line.slice(0, 200)}'`);
      const batches: MetricPoint[][] = chunks(lines.points, MAX_METRICS_PER_BATCH);
      for (const batch of batches) store.logBatch(run.runId, { metrics: batch });
      store.workspaces.setMetricOffset(run.runId, key, lines.nextOffset);
      points += lines.points.length;
      if (lines.points.length > 0) keys.push(key);
    }
    store.workspaces.setImportedLifecycle(run.runId, run.lifecycleStage);
    return { created: owned === 'created', keys, points };
  });
}
