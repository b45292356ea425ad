/**
 * Turns a window of samples into columns: numbers for numerical features (anything else counts
 * as missing), values as they are for categorical ones. The prediction is the column the
 * baseline names for it.
 */
import type { DriftValue } from '../api/contract.ts';
import type { WindowSample } from '../store/drift-sample-records.ts';

export function columnValues(
  samples: readonly WindowSample[],
  name: string,
  isPrediction: boolean,
): DriftValue[] {
  return samples.map((sample) => (isPrediction ? sample.prediction : sample.features[name]) ?? null);
}

export function numericColumn(
  samples: readonly WindowSample[],
  name: string,
  isPrediction: boolean,
): Float64Array {
  const column = new Float64Array(samples.length);
  samples.forEach((sample, i) => {
    const value = isPrediction ? sample.prediction : sample.features[name];
    column[i] = typeof value === 'number' ? value : Number.NaN;
  });
  return column;
}

/** Every feature name the window's samples carry, sorted. */
export function featureNames(samples: readonly WindowSample[]): string[] {
  const names = new Set<string>();
  for (const sample of samples) for (const name of Object.keys(sample.features)) names.add(name);
  return [...names].sort();
}
