/**
 * The outcome layer: labels pushed (or read from a folder) by prediction id, whenever they
 * arrive, joined in SQLite to the version's logged predictions; accuracy or error, Brier
 * score and reliability per window and per slice, the share still unlabelled and how old the
 * evidence is. The Brier score is compared with the training run's (`brier` metric) or else
 * with the version's first labelled day, and the degradation goes to the alert center.
 */
import type {
  CreateOutcomeReportRequest,
  DriftValue,
  OutcomeReport,
  PushOutcomeLabelsResponse,
} from '../api/contract.ts';
import type { AlertCenter } from '../alerts/alert-center.ts';
import { brierDegradation } from '../alerts/alert-rules.ts';
import { DEFAULT_WINDOW_MS } from '../drift/drift-service.ts';
import { invalidParameter, TrackingError } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { parseLabelLines } from './label-lines.ts';
import { evidenceSentence, outcomeMetrics } from './outcome-metrics.ts';
import { slicingOf } from './outcome-slices.ts';

/** Training run metrics read as the baseline Brier score, first found first. */
export const TRAINING_BRIER_METRICS = ['brier', 'brier_score', 'brier_score_loss'];

type Task = 'classification' | 'regression';

export class OutcomeService {
  readonly #store: TrackingStore;
  readonly #alerts: AlertCenter;
  readonly #now: () => number;

  constructor(store: TrackingStore, alerts: AlertCenter, now: () => number = Date.now) {
    this.#store = store;
    this.#alerts = alerts;
    this.#now = now;
  }

  /** Stores the valid lines of a JSON-lines body; refused lines are listed with their reasons. */
  pushLabels(text: string, firstLine = 1): PushOutcomeLabelsResponse {
    const { labels, rejected } = parseLabelLines(text, this.#now(), firstLine);
    if (labels.length > 0) this.#store.write(() => this.#store.outcomeLabels.insert(labels));
    return { accepted: labels.length, rejected };
  }

  createReport(request: CreateOutcomeReportRequest): OutcomeReport {
    const now = this.#now();
    const { model_name: name, model_version: version } = request;
    const window = { from: request.from ?? 0, to: request.to ?? now + 1 };
    const features = request.slice_by ?? [];
    const { labelled, total, sliceValues } = this.#store.read(() => {
      const records = this.#store.outcomeLabels;
      return {
        labelled: records.labelled(name, version, window, features),
        total: records.predictionCount(name, version, window),
        sliceValues: features.map((feature) => records.featureValues(name, version, window, feature)),
      };
    });
    if (total === 0) throw invalidParameter(`No predictions of ${name}@${version} in the window.`);
    const task = request.task ?? inferTask(labelled.labels);
    const overall = outcomeMetrics(labelled, undefined, total, task, now);
    const slices = features.flatMap((feature, f) =>
      sliceMetrics(feature, sliceValues[f] ?? [], labelled.featureValues[f] ?? []).map(
        ({ slice, total: n, rows }) => ({
          slice,
          ...outcomeMetrics(labelled, rows, n, task, now),
        }),
      ),
    );
    const report: OutcomeReport = {
      model_name: name,
      model_version: version,
      task,
      created_time: now,
      window,
      ...overall,
      evidence: evidenceSentence(overall),
      slices,
      alert_ids: [],
    };
    if (task === 'classification' && overall.brier !== undefined) this.#judgeBrier(report, overall.brier);
    return report;
  }

  #judgeBrier(report: OutcomeReport, brier: number): void {
    const baseline = this.#baselineBrier(report.model_name, report.model_version);
    if (baseline === undefined) return;
    report.baseline_brier = baseline.brier;
    report.baseline_source = baseline.source;
    const degradation = brierDegradation(baseline.brier, brier);
    if (Number.isNaN(degradation)) return;
    report.brier_degradation = degradation;
    const alert = this.#alerts.observe({
      rule: 'quality/brier-degradation',
      modelName: report.model_name,
      modelVersion: report.model_version,
      value: degradation,
      time: report.created_time,
    });
    if (alert !== undefined && alert.status !== 'resolved') report.alert_ids.push(alert.alert_id);
  }

  /** The training run's Brier metric, else the Brier score of the version's first day of predictions. */
  #baselineBrier(
    name: string,
    version: string,
  ): { brier: number; source: OutcomeReport['baseline_source'] & string } | undefined {
    const fromRun = this.#trainingBrier(name, version);
    if (fromRun !== undefined) return { brier: fromRun, source: 'training_run' };
    const first = this.#store.read(() => this.#store.outcomeLabels.firstPredictionTime(name, version));
    if (first === undefined) return undefined;
    const day = { from: first, to: first + DEFAULT_WINDOW_MS };
    const labelled = this.#store.read(() => this.#store.outcomeLabels.labelled(name, version, day));
    const brier = outcomeMetrics(
      labelled,
      undefined,
      labelled.labels.length,
      'classification',
      this.#now(),
    ).brier;
    return brier === undefined ? undefined : { brier, source: 'first_labelled_window' };
  }

  #trainingBrier(name: string, version: string): number | undefined {
    return this.#store.read(() => {
      const baselineId = this.#store.driftBaselines.forVersion(name, version);
      const runIds = [
        baselineId === undefined ? undefined : this.#store.driftBaselines.load(baselineId).info.run_id,
        registryRunId(this.#store, name, version),
      ];
      for (const runId of runIds) {
        if (runId === undefined) continue;
        const metrics = this.#store.getRun(runId).data.metrics;
        for (const key of TRAINING_BRIER_METRICS) {
          const metric = metrics.find((m) => m.key === key);
          if (metric !== undefined && typeof metric.value === 'number') return metric.value;
        }
      }
      return undefined;
    });
  }
}

function registryRunId(store: TrackingStore, name: string, version: string): string | undefined {
  try {
    return store.registry.getVersion(name, version).run_id || undefined;
  } catch (error) {
    if (error instanceof TrackingError && error.code === 'RESOURCE_DOES_NOT_EXIST') return undefined;
    throw error;
  }
}

function inferTask(labels: Float64Array): Task {
  return labels.every((label) => label === 0 || label === 1) ? 'classification' : 'regression';
}

/** Each slice's prediction count (from all the window's values) and its labelled rows. */
function sliceMetrics(
  feature: string,
  allValues: readonly DriftValue[],
  labelledValues: readonly DriftValue[],
): { slice: string; total: number; rows: number[] }[] {
  const slicing = slicingOf(feature, allValues);
  const slices = slicing.names.map((slice) => ({ slice, total: 0, rows: [] as number[] }));
  for (const value of allValues) {
    const index = slicing.sliceOf(value);
    if (index !== undefined) (slices[index] ?? { total: 0 }).total += 1;
  }
  labelledValues.forEach((value, row) => {
    const index = slicing.sliceOf(value);
    if (index !== undefined) slices[index]?.rows.push(row);
  });
  return slices;
}
