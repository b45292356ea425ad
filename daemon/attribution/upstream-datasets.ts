/**
 * Upstream dataset changes in lineage: the datasets a version's training run read (its inputs
 * tagged `mlflow.data.context` = training, else all of them) and, for each, the newest later run
 * in any experiment that logged a dataset of the same name with another digest: the data the
 * model was trained on has a newer version upstream.
 */
import type { Run } from '../api/contract.ts';
import type { UpstreamDatasetChange } from '../api/retraining-contract.ts';
import type { TrackingStore } from '../store/tracking-store.ts';

const CONTEXT_TAG = 'mlflow.data.context';
const TRAINING_CONTEXTS = new Set(['training', 'train']);
/** Later runs read per dataset name, newest first. */
const RUNS_SEARCHED = 50;

export function trainingDatasets(run: Run): { name: string; digest: string }[] {
  const inputs = run.inputs.dataset_inputs;
  const training = inputs.filter((input) =>
    input.tags.some((t) => t.key === CONTEXT_TAG && TRAINING_CONTEXTS.has(t.value.toLowerCase())),
  );
  return (training.length > 0 ? training : inputs).map(({ dataset }) => ({
    name: dataset.name,
    digest: dataset.digest,
  }));
}

/** Call inside a read transaction. */
export function upstreamDatasetChanges(store: TrackingStore, run: Run): UpstreamDatasetChange[] {
  const datasets = trainingDatasets(run);
  if (datasets.length === 0) return [];
  const experimentIds = store
    .searchExperiments({ viewType: 'ACTIVE_ONLY', maxResults: 1000 })
    .experiments.map((e) => e.experiment_id);
  const changes: UpstreamDatasetChange[] = [];
  for (const { name, digest } of datasets) {
    const later = store.searchRuns({
      experimentIds,
      filter: `datasets.name = ${quoted(name)} and attributes.start_time > ${run.info.start_time}`,
      orderBy: ['attributes.start_time DESC'],
      maxResults: RUNS_SEARCHED,
    }).runs;
    for (const other of later) {
      const newer = other.inputs.dataset_inputs.find(
        (input) => input.dataset.name === name && input.dataset.digest !== digest,
      );
      if (newer === undefined) continue;
      changes.push({
        name,
        training_digest: digest,
        newer_digest: newer.dataset.digest,
        run_id: other.info.run_id,
        time: other.info.start_time,
      });
      break;
    }
  }
  return changes;
}

/** A string literal of MLflow's filter grammar (a quote doubles). */
function quoted(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
