/**
 * Compares a window of samples with a reference feature by feature, and judges the dataset:
 * drifted when the share of drifted features reaches DATASET_DRIFT_SHARE. Numerical features
 * are compared here (`datasetDrift`) or in the drift workers (`datasetDriftInWorkers`), with
 * the same code and the same results.
 */
import type { DriftColumnSpec, FeatureDrift } from '../api/contract.ts';
import type { WindowSample } from '../store/drift-sample-records.ts';
import { categoricalFeatureDrift } from './feature-drift.ts';
import type { ReferenceSummary } from './reference-summary.ts';
import { DATASET_DRIFT_SHARE } from './stattest-defaults.ts';
import { columnValues, numericColumn } from './window-columns.ts';
import type { DriftWorkerPool } from './worker-pool/drift-worker-pool.ts';
import { runNumericFeatureTask, type NumericFeatureTask } from './worker-pool/numeric-feature-task.ts';

export interface DatasetDrift {
  features: FeatureDrift[];
  drifted_features: number;
  drift_share: number;
  drift_share_threshold: number;
  dataset_drift: boolean;
}

export function datasetDrift(
  references: ReadonlyMap<string, ReferenceSummary>,
  predictionColumn: string | undefined,
  samples: readonly WindowSample[],
  specs: Readonly<Record<string, DriftColumnSpec>> = {},
): DatasetDrift {
  const { features, numeric } = splitFeatures(references, predictionColumn, samples, specs);
  return judged(features, numeric, numeric.map(runNumericFeatureTask));
}

/** As `datasetDrift`, with the numerical features compared in the pool's worker threads. */
export async function datasetDriftInWorkers(
  pool: DriftWorkerPool,
  references: ReadonlyMap<string, ReferenceSummary>,
  predictionColumn: string | undefined,
  samples: readonly WindowSample[],
  specs: Readonly<Record<string, DriftColumnSpec>> = {},
): Promise<DatasetDrift> {
  const { features, numeric } = splitFeatures(references, predictionColumn, samples, specs);
  return judged(features, numeric, await pool.compare(numeric));
}

/** Categorical features compared at once (their slots kept in order), numerical ones as tasks. */
function splitFeatures(
  references: ReadonlyMap<string, ReferenceSummary>,
  predictionColumn: string | undefined,
  samples: readonly WindowSample[],
  specs: Readonly<Record<string, DriftColumnSpec>>,
): { features: (FeatureDrift | NumericFeatureTask)[]; numeric: NumericFeatureTask[] } {
  const features: (FeatureDrift | NumericFeatureTask)[] = [];
  const numeric: NumericFeatureTask[] = [];
  for (const [name, reference] of references) {
    const isPrediction = name === predictionColumn;
    if (reference.type === 'numerical') {
      const task: NumericFeatureTask = {
        feature: name,
        reference,
        current: numericColumn(samples, name, isPrediction),
        spec: specs[name],
        isPrediction,
      };
      features.push(task);
      numeric.push(task);
    } else
      features.push(
        categoricalFeatureDrift(
          name,
          reference,
          columnValues(samples, name, isPrediction),
          specs[name],
          isPrediction,
        ),
      );
  }
  return { features, numeric };
}

function judged(
  slots: readonly (FeatureDrift | NumericFeatureTask)[],
  tasks: readonly NumericFeatureTask[],
  results: readonly FeatureDrift[],
): DatasetDrift {
  const byTask = new Map(tasks.map((task, i) => [task, results[i] as FeatureDrift]));
  const features = slots.map((slot) => ('current' in slot ? (byTask.get(slot) as FeatureDrift) : slot));
  const drifted = features.filter((feature) => feature.drifted).length;
  const share = features.length > 0 ? drifted / features.length : 0;
  return {
    features,
    drifted_features: drifted,
    drift_share: share,
    drift_share_threshold: DATASET_DRIFT_SHARE,
    dataset_drift: features.length > 0 && share >= DATASET_DRIFT_SHARE,
  };
}
