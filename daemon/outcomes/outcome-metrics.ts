/**
 * The outcome layer over the columns of labelled predictions, out of `total` predictions.
 * Classification: accuracy at 0.5, Brier score and a reliability curve in uniform bins, the
 * way scikit-learn's `brier_score_loss` and `calibration_curve(strategy='uniform')` compute
 * them. Regression: mean absolute and root mean squared error.
 */
import type { OutcomeMetrics, ReliabilityBin } from '../api/contract.ts';

export const RELIABILITY_BINS = 10;

export interface OutcomeColumns {
  /** The prediction of each row: the positive class's probability, or the regression value. */
  readonly predictions: Float64Array;
  /** The label of each row. */
  readonly labels: Float64Array;
  /** When each prediction was made (epoch ms). */
  readonly times: Float64Array;
}

export function outcomeMetrics(
  columns: OutcomeColumns,
  rows: ArrayLike<number> | undefined,
  total: number,
  task: 'classification' | 'regression',
  now: number,
): OutcomeMetrics {
  const { predictions, labels, times } = columns;
  const count = rows === undefined ? predictions.length : rows.length;
  const binCount = new Float64Array(RELIABILITY_BINS);
  const binPredicted = new Float64Array(RELIABILITY_BINS);
  const binPositive = new Float64Array(RELIABILITY_BINS);
  let labelled = 0;
  let squared = 0;
  let absolute = 0;
  let correct = 0;
  let newest = -Infinity;
  for (let i = 0; i < count; i += 1) {
    const row = rows === undefined ? i : (rows[i] ?? 0);
    const label = labels[row] ?? Number.NaN;
    if (Number.isNaN(label)) continue;
    const predicted = predictions[row] ?? Number.NaN;
    labelled += 1;
    const error = predicted - label;
    squared += error * error;
    absolute += Math.abs(error);
    const time = times[row] ?? 0;
    if (time > newest) newest = time;
    if (task === 'classification') {
      if (predicted >= 0.5 === (label === 1)) correct += 1;
      const bin = reliabilityBin(predicted);
      binCount[bin] = (binCount[bin] ?? 0) + 1;
      binPredicted[bin] = (binPredicted[bin] ?? 0) + predicted;
      binPositive[bin] = (binPositive[bin] ?? 0) + label;
    }
  }
  const metrics: OutcomeMetrics = {
    predictions: total,
    labelled,
    unlabelled_share: total === 0 ? 0 : Math.max(0, total - labelled) / total,
  };
  if (labelled === 0) return metrics;
  metrics.evidence_until = newest;
  metrics.evidence_age_ms = Math.max(0, now - newest);
  if (task === 'regression') {
    metrics.mae = absolute / labelled;
    metrics.rmse = Math.sqrt(squared / labelled);
    return metrics;
  }
  metrics.accuracy = correct / labelled;
  metrics.brier = squared / labelled;
  metrics.reliability = reliabilityBins(binCount, binPredicted, binPositive);
  return metrics;
}

/**
 * The bin of a probability: how many inner edges (i · 1/bins, as numpy's linspace makes them)
 * lie below it, so a probability on an edge falls in the lower bin (numpy's searchsorted).
 */
function reliabilityBin(probability: number): number {
  const step = 1 / RELIABILITY_BINS;
  let bin = Math.min(RELIABILITY_BINS - 1, Math.max(0, Math.floor(probability * RELIABILITY_BINS)));
  while (bin > 0 && probability <= bin * step) bin -= 1;
  while (bin < RELIABILITY_BINS - 1 && probability > (bin + 1) * step) bin += 1;
  return bin;
}

function reliabilityBins(
  count: Float64Array,
  predicted: Float64Array,
  positive: Float64Array,
): ReliabilityBin[] {
  const bins: ReliabilityBin[] = [];
  for (let bin = 0; bin < RELIABILITY_BINS; bin += 1) {
    const n = count[bin] ?? 0;
    if (n === 0) continue;
    bins.push({
      lower: bin / RELIABILITY_BINS,
      upper: (bin + 1) / RELIABILITY_BINS,
      count: n,
      mean_predicted: (predicted[bin] ?? 0) / n,
      fraction_positive: (positive[bin] ?? 0) / n,
    });
  }
  return bins;
}

/** "concept drift evidence covers predictions up to 9 days ago" */
export function evidenceSentence(metrics: OutcomeMetrics): string {
  if (metrics.evidence_age_ms === undefined) return 'no labels yet: no concept drift evidence';
  const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const days = Math.floor(metrics.evidence_age_ms / 86_400_000);
  const hours = Math.floor(metrics.evidence_age_ms / 3_600_000);
  const minutes = Math.floor(metrics.evidence_age_ms / 60_000);
  const age = days >= 1 ? count(days, 'day') : hours >= 1 ? count(hours, 'hour') : count(minutes, 'minute');
  return `concept drift evidence covers predictions up to ${age} ago`;
}
