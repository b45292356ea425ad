/**
 * The outcome layer: labels pushed (or read from a folder) by prediction id, whenever they
 * arrive, joined in SQLite to the version's logged predictions; accuracy or error, Brier
 * score and reliability per window and per slice, the share still unlabelled and how old the
 * evidence is. The Brier score is compared with the training run's (`brier` metric) or else
 * with the version's first labelled day, and the degradation goes to the alert center.
 */
import type {
  CreateOutcomeReportRequest,
  OutcomeReport,
  PushOutcomeLabelsResponse,
} from '../api/contract.ts';
import type { AlertCenter } from '../alerts/alert-center.ts';
import { brierDegradation } from '../alerts/alert-rules.ts';
import { DEFAULT_WINDOW_MS } from '../drift/drift-service.ts';
import type { LabelledPrediction } from '../store/outcome-label-records.ts';
import { invalidParameter, TrackingError } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { parseLabelLines } from './label-lines.ts';
import { evidenceSentence, outcomeMetrics, type OutcomeColumns } from './outcome-metrics.ts';
import { slicesOf } from './outcome-slices.ts';

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
    const joined = this.#store.read(() => this.#store.outcomeLabels.joined(name, version, window));
    const rows = joined.filter((row) => typeof row.prediction === 'number');
    if (rows.length === 0)
      throw invalidParameter(
        `No numeric predictions with a prediction id of ${name}@${version} in the window.`,
      );
    const task = request.task ?? inferTask(rows);
    const columns = columnsOf(rows);
    const overall = outcomeMetrics(columns, undefined, task, now);
    const slices = (request.slice_by ?? []).flatMap((feature) =>
      slicesOf(
        feature,
        rows.map((row) => row.features[feature]),
      ).map(({ slice, rows: sliceRows }) => ({ slice, ...outcomeMetrics(columns, sliceRows, task, now) })),
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
    const rows = this.#store
      .read(() => this.#store.outcomeLabels.joined(name, version, day))
      .filter((row) => typeof row.prediction === 'number');
    const brier = outcomeMetrics(columnsOf(rows), undefined, 'classification', this.#now()).brier;
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

function inferTask(rows: readonly LabelledPrediction[]): Task {
  return rows.every((row) => row.label === undefined || row.label === 0 || row.label === 1)
    ? 'classification'
    : 'regression';
}

function columnsOf(rows: readonly LabelledPrediction[]): OutcomeColumns {
  const predictions = new Float64Array(rows.length);
  const labels = new Float64Array(rows.length);
  const times = new Float64Array(rows.length);
  rows.forEach((row, index) => {
    predictions[index] = row.prediction as number;
    labels[index] = row.label ?? Number.NaN;
    times[index] = row.time;
  });
  return { predictions, labels, times };
}
