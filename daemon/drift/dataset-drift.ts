/**
 * Compares a window of samples with a reference feature by feature, and judges the dataset:
 * drifted when the share of drifted features reaches DATASET_DRIFT_SHARE.
 */
import type { DriftColumnSpec, FeatureDrift } from '../api/contract.ts';
import type { WindowSample } from '../store/drift-sample-records.ts';
import { categoricalFeatureDrift, numericFeatureDrift } from './feature-drift.ts';
import type { ReferenceSummary } from './reference-summary.ts';
import { DATASET_DRIFT_SHARE } from './stattest-defaults.ts';
import { columnValues, numericColumn } from './window-columns.ts';

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
  const features: FeatureDrift[] = [];
  for (const [name, reference] of references) {
    const isPrediction = name === predictionColumn;
    features.push(
      reference.type === 'numerical'
        ? numericFeatureDrift(
            name,
            reference,
            numericColumn(samples, name, isPrediction),
            specs[name],
            isPrediction,
          )
        : categoricalFeatureDrift(
            name,
            reference,
            columnValues(samples, name, isPrediction),
            specs[name],
            isPrediction,
          ),
    );
  }
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
