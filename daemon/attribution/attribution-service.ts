/**
 * Gathers what attribution reads for a model version: its latest drift report (against the
 * recorded baseline when there is one), a data-quality report on that report's window, the
 * datasets its training run read and their newer versions in lineage, and the outcome layer of
 * its last 30 days of predictions; then judges them (drift-attribution.ts).
 */
import type { DriftReport, QualityReport } from '../api/contract.ts';
import type { DriftAttribution, OutcomeEvidence } from '../api/retraining-contract.ts';
import type { DriftService } from '../drift/drift-service.ts';
import type { OutcomeService } from '../outcomes/outcome-service.ts';
import type { QualityService } from '../quality/quality-service.ts';
import { invalidParameter, TrackingError } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { attributeDrift } from './drift-attribution.ts';
import { trainingDatasets, upstreamDatasetChanges } from './upstream-datasets.ts';

/** The outcome window attribution reads: labels arrive late, so a day's window is mostly unlabelled. */
export const OUTCOME_WINDOW_MS = 30 * 24 * 3_600_000;

export interface AttributionSources {
  store: TrackingStore;
  drift: DriftService;
  quality: QualityService;
  outcomes: OutcomeService;
  now?: () => number;
}

export class AttributionService {
  readonly #sources: AttributionSources;
  readonly #now: () => number;

  constructor(sources: AttributionSources) {
    this.#sources = sources;
    this.#now = sources.now ?? Date.now;
  }

  /** The version's newest drift report against its recorded baseline, else its newest report. */
  latestDriftReport(name: string, version: string): DriftReport | undefined {
    const reports = this.#sources.drift.reports(name, version);
    return reports.find((r) => r.reference.kind === 'recorded') ?? reports[0];
  }

  /** `minLabels`: labelled predictions needed before outcomes count (default DEFAULT_MIN_LABELS). */
  async attribute(name: string, version: string, minLabels?: number): Promise<DriftAttribution> {
    const { store } = this.#sources;
    const now = this.#now();
    const drift = this.latestDriftReport(name, version);
    const quality = drift === undefined ? undefined : await this.#quality(drift);
    const outcome = this.#outcome(name, version, now);
    if (drift === undefined && outcome === undefined)
      throw invalidParameter(
        `Nothing to attribute for ${name}@${version}: no drift report and no logged predictions.`,
      );
    const { runId, datasets, upstream } = store.read(() => {
      const runId = trainingRunId(store, name, version);
      if (runId === undefined) return { runId, datasets: [], upstream: [] };
      const run = store.getRun(runId);
      return { runId, datasets: trainingDatasets(run), upstream: upstreamDatasetChanges(store, run) };
    });
    const judged = attributeDrift({ drift, quality, upstream, outcome, minLabels });
    const attribution: DriftAttribution = {
      model_name: name,
      model_version: version,
      created_time: now,
      ...judged,
      training_datasets: datasets,
      upstream_datasets: upstream,
    };
    if (drift !== undefined)
      Object.assign(attribution, {
        drift_report_id: drift.report_id,
        drift_share: drift.drift_share,
        drifted_features: drift.drifted_features,
        features: drift.features.length,
        dataset_drift: drift.dataset_drift,
      });
    if (quality !== undefined) attribution.quality_failed_checks = quality.failed_checks;
    if (runId !== undefined) attribution.training_run_id = runId;
    if (outcome !== undefined) attribution.outcome = outcome;
    return attribution;
  }

  /** Checks the drift report's window; undefined when there is nothing to check it against. */
  async #quality(report: DriftReport): Promise<QualityReport | undefined> {
    try {
      return await this.#sources.quality.createReport({
        model_name: report.model_name,
        model_version: report.model_version,
        from: report.window.from,
        to: report.window.to,
      });
    } catch (error) {
      if (error instanceof TrackingError && error.code === 'INVALID_PARAMETER_VALUE') return undefined;
      throw error;
    }
  }

  #outcome(name: string, version: string, now: number): OutcomeEvidence | undefined {
    let report;
    try {
      report = this.#sources.outcomes.createReport({
        model_name: name,
        model_version: version,
        from: now - OUTCOME_WINDOW_MS,
        to: now + 1,
      });
    } catch (error) {
      if (error instanceof TrackingError && error.code === 'INVALID_PARAMETER_VALUE') return undefined;
      throw error;
    }
    const evidence: OutcomeEvidence = {
      predictions: report.predictions,
      labelled: report.labelled,
      unlabelled_share: report.unlabelled_share,
      evidence: report.evidence,
    };
    if (report.accuracy !== undefined) evidence.accuracy = report.accuracy;
    if (report.brier !== undefined) evidence.brier = report.brier;
    if (report.baseline_brier !== undefined) evidence.baseline_brier = report.baseline_brier;
    if (report.brier_degradation !== undefined) evidence.brier_degradation = report.brier_degradation;
    return evidence;
  }
}

/** The run the registry version points to, else the run its drift baseline was recorded with. */
function trainingRunId(store: TrackingStore, name: string, version: string): string | undefined {
  try {
    const runId = store.registry.getVersion(name, version).run_id;
    if (runId !== '') return runId;
  } catch (error) {
    if (!(error instanceof TrackingError && error.code === 'RESOURCE_DOES_NOT_EXIST')) throw error;
  }
  const baselineId = store.driftBaselines.forVersion(name, version);
  return baselineId === undefined ? undefined : store.driftBaselines.load(baselineId).info.run_id;
}
