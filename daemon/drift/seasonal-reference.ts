/**
 * References taken from earlier production data instead of a recorded baseline, so that a
 * known seasonal shift is compared with itself: the same window a week or a (calendar) year
 * earlier, or a rolling span just before the window. Column types follow the recorded
 * baseline when there is one, else what the data holds.
 */
import type { DriftColumnType, DriftReferenceChoice } from '../api/contract.ts';
import type { WindowSample } from '../store/drift-sample-records.ts';
import { inferColumnType, summarizeColumn, type ReferenceSummary } from './reference-summary.ts';
import { columnValues, featureNames } from './window-columns.ts';

/** The column that carries `prediction` in references built from samples. */
export const SAMPLE_PREDICTION_COLUMN = 'prediction';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function seasonalSpan(
  choice: Exclude<DriftReferenceChoice, 'recorded'>,
  window: { from: number; to: number },
  rollingMs: number,
): { from: number; to: number } {
  switch (choice) {
    case 'last_week':
      return { from: window.from - WEEK_MS, to: window.to - WEEK_MS };
    case 'last_year':
      return { from: yearEarlier(window.from), to: yearEarlier(window.to) };
    case 'rolling':
      return { from: window.from - rollingMs, to: window.from };
  }
}

function yearEarlier(time: number): number {
  const date = new Date(time);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.getTime();
}

export function summarizeSamples(
  samples: readonly WindowSample[],
  knownTypes: ReadonlyMap<string, DriftColumnType>,
): Map<string, ReferenceSummary> {
  const summaries = new Map<string, ReferenceSummary>();
  const columns = featureNames(samples).map((name) => ({ name, isPrediction: false }));
  if (samples.some((sample) => sample.prediction !== undefined))
    columns.push({ name: SAMPLE_PREDICTION_COLUMN, isPrediction: true });
  for (const { name, isPrediction } of columns) {
    const values = columnValues(samples, name, isPrediction);
    const declared = knownTypes.get(name);
    const type = declared ?? inferColumnType(values);
    const usable = type === 'numerical' ? values.map((v) => (typeof v === 'number' ? v : null)) : values;
    summaries.set(name, summarizeColumn(name, usable, type));
  }
  return summaries;
}
