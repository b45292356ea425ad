/**
 * The drift engine behind the HTTP routes and the folder importer: records baselines, stores
 * pushed samples, computes reports against the recorded or a seasonal reference, and hands
 * each report's PSI and KS p-values to the alert rules. Every write is one transaction; the
 * change feed hears about reports and alerts after they committed.
 */
import type {
  Alert,
  CreateDriftBaselineRequest,
  DriftBaseline,
  DriftColumnType,
  DriftReport,
  DriftReferenceChoice,
  FeatureHistogram,
  PushDriftSamplesResponse,
  RunDatasetReference,
} from '../api/contract.ts';
import type { Readable } from 'node:stream';
import type { AlertCenter } from '../alerts/alert-center.ts';
import type { ChangeFeed } from '../http/events/change-feed.ts';
import type { NewBaseline } from '../store/drift-baseline-records.ts';
import type { SampleWindow, WindowSample } from '../store/drift-sample-records.ts';
import { invalidParameter, notFound } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { dataSchemaOf } from '../quality/data-schema.ts';
import { summarizeColumns } from './baseline-columns.ts';
import { parseBaselineBytes, readBaselineFile, type FileColumns } from './baseline-file.ts';
import { datasetDrift, datasetDriftInWorkers } from './dataset-drift.ts';
import { featureHistogram } from './feature-histogram.ts';
import type { ReferenceSummary } from './reference-summary.ts';
import { parseSampleLines } from './sample-lines.ts';
import { SAMPLE_PREDICTION_COLUMN, seasonalSpan, summarizeSamples } from './seasonal-reference.ts';
import type { DriftReportRequest } from './drift-report-request.ts';
import { columnValues } from './window-columns.ts';
import type { DriftWorkerPool } from './worker-pool/drift-worker-pool.ts';
import { locateRunDatasetArtifact, readArtifactBytes } from './run-dataset-artifact.ts';

export const DEFAULT_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Window values (rows × features) from which a report is compared in the drift workers: below
 * it, sending the columns costs more than comparing them here.
 */
export const WORKER_MIN_VALUES = 200_000;

interface Reference {
  kind: DriftReferenceChoice;
  baselineId?: string;
  span?: { from: number; to: number };
  rows: number;
  predictionColumn?: string;
  features: Map<string, ReferenceSummary>;
}

export class DriftService {
  readonly #store: TrackingStore;
  readonly #alerts: AlertCenter;
  readonly #feed: ChangeFeed;
  readonly #now: () => number;
  readonly #pool: DriftWorkerPool | undefined;
  readonly #readArtifact: ((sha256: string) => Readable) | undefined;

  /**
   * Without a `pool`, every report is compared on the calling thread; without `readArtifact`
   * (the artifact blob store's reader), no baseline can come from a run's dataset.
   */
  constructor(
    store: TrackingStore,
    alerts: AlertCenter,
    feed: ChangeFeed,
    now: () => number = Date.now,
    pool?: DriftWorkerPool,
    readArtifact?: (sha256: string) => Readable,
  ) {
    this.#store = store;
    this.#alerts = alerts;
    this.#feed = feed;
    this.#now = now;
    this.#pool = pool;
    this.#readArtifact = readArtifact;
  }

  async createBaseline(request: CreateDriftBaselineRequest): Promise<DriftBaseline> {
    const given = [request.columns, request.file, request.from_run_dataset].filter((x) => x !== undefined);
    if (given.length !== 1)
      throw invalidParameter("Give exactly one of 'columns', 'file' or 'from_run_dataset' for a baseline.");
    const file =
      request.file !== undefined
        ? await readBaselineFile(request.file)
        : request.from_run_dataset !== undefined
          ? await this.#runDatasetColumns(request.from_run_dataset)
          : undefined;
    const columns = file?.columns ?? request.columns ?? {};
    const summarized = summarizeColumns(columns, request.column_specs ?? {}, request.prediction_column);
    const baseline: NewBaseline = {
      modelName: request.model_name,
      source: file?.source ?? 'api',
      rowCount: summarized.rowCount,
      features: summarized.features,
      dataSchema: dataSchemaOf(columns),
    };
    if (request.model_version !== undefined) baseline.modelVersion = request.model_version;
    const runId = request.run_id ?? request.from_run_dataset?.run_id;
    if (runId !== undefined) baseline.runId = runId;
    if (request.prediction_column !== undefined) baseline.predictionColumn = request.prediction_column;
    return this.#store.write(() => {
      if (runId !== undefined) this.#store.getRun(runId);
      const id = this.#store.driftBaselines.insert(baseline);
      return this.#store.driftBaselines.load(id).info;
    });
  }

  async #runDatasetColumns(reference: RunDatasetReference): Promise<FileColumns> {
    if (this.#readArtifact === undefined)
      throw invalidParameter('This daemon has no artifact store to read a run dataset from.');
    const artifact = this.#store.read(() => locateRunDatasetArtifact(this.#store, reference));
    const bytes = await readArtifactBytes(artifact, this.#readArtifact);
    return parseBaselineBytes(bytes, artifact.format, artifact.label);
  }

  baselines(modelName?: string): DriftBaseline[] {
    return this.#store.read(() => this.#store.driftBaselines.list(modelName));
  }

  /** Stores the valid lines of a JSON-lines body; refused lines are listed with their reasons. */
  pushSamples(text: string, firstLine = 1): PushDriftSamplesResponse {
    const { samples, rejected } = parseSampleLines(text, firstLine);
    if (samples.length > 0) this.#store.write(() => this.#store.driftSamples.insert(samples));
    return { accepted: samples.length, rejected };
  }

  /** How many samples of the version were pushed with a time in [from, to). */
  sampleCount(modelName: string, modelVersion: string, window: { from: number; to: number }): number {
    return this.#store.read(() => this.#store.driftSamples.count(modelName, modelVersion, window));
  }

  /**
   * Reads the window and the reference, compares them (in the drift workers when the window is
   * large, so the daemon keeps answering meanwhile), then stores the report and its alerts in
   * one transaction.
   */
  async createReport(request: DriftReportRequest): Promise<DriftReport> {
    const { window, current, reference } = this.#store.read(() => {
      const requested = windowOf(request, this.#now());
      const current = this.#store.driftSamples.window(request.modelName, request.modelVersion, requested);
      if (current.length === 0)
        throw invalidParameter(
          `No samples of ${request.modelName}@${request.modelVersion} in the requested window.`,
        );
      const span = { from: current[0]?.time ?? 0, to: (current[current.length - 1]?.time ?? 0) + 1 };
      const window = 'last' in requested ? span : requested;
      return { window, current, reference: this.#reference(request, window) };
    });
    const pool = current.length * reference.features.size >= WORKER_MIN_VALUES ? this.#pool : undefined;
    const drift = pool
      ? await datasetDriftInWorkers(
          pool,
          reference.features,
          reference.predictionColumn,
          current,
          request.columnSpecs,
        )
      : datasetDrift(reference.features, reference.predictionColumn, current, request.columnSpecs);
    const { report, alerts } = this.#store.write(() => {
      const draft: Omit<DriftReport, 'report_id'> = {
        model_name: request.modelName,
        model_version: request.modelVersion,
        reference: referenceInfo(reference),
        window: { ...window, count: current.length },
        created_time: this.#now(),
        ...drift,
        alert_ids: [],
      };
      const reportId = this.#store.driftSamples.insertReport(draft);
      const changed = this.#judge({ ...draft, report_id: reportId });
      const saved: DriftReport = {
        ...draft,
        report_id: reportId,
        alert_ids: changed.filter((a) => a.status !== 'resolved').map((a) => a.alert_id),
      };
      this.#store.driftSamples.updateReport(saved);
      return { report: saved, alerts: changed };
    });
    this.#feed.publish({
      type: 'drift_report_created',
      report_id: report.report_id,
      name: report.model_name,
      version: report.model_version,
      dataset_drift: report.dataset_drift,
    });
    for (const alert of alerts) this.#alerts.publish(alert);
    return report;
  }

  report(reportId: string): DriftReport {
    return this.#store.read(() => this.#store.driftSamples.report(reportId));
  }

  /** The report's features binned: its reference (recorded or seasonal) beside its window. */
  histograms(reportId: string): FeatureHistogram[] {
    return this.#store.read(() => {
      const report = this.#store.driftSamples.report(reportId);
      const { model_name: name, model_version: version } = report;
      const current = this.#store.driftSamples.window(name, version, report.window);
      const { kind, baseline_id: baselineId, from, to } = report.reference;
      let references: ReadonlyMap<string, ReferenceSummary>;
      if (kind === 'recorded' && baselineId !== undefined)
        references = this.#store.driftBaselines.load(baselineId).features;
      else {
        const types = new Map(report.features.map((f) => [f.feature, f.type] as const));
        const span = { from: from ?? 0, to: to ?? 0 };
        references = summarizeSamples(this.#store.driftSamples.window(name, version, span), types);
      }
      return report.features.flatMap((feature) => {
        const reference = references.get(feature.feature);
        if (reference === undefined) return [];
        const values = columnValues(current, feature.feature, feature.is_prediction);
        return [featureHistogram(feature.feature, reference, values)];
      });
    });
  }

  reports(modelName: string, modelVersion?: string): DriftReport[] {
    return this.#store.read(() => this.#store.driftSamples.reports(modelName, modelVersion));
  }

  /** The drift rules on each feature: PSI for all, the KS p-value for numerical ones. */
  #judge(report: DriftReport): Alert[] {
    const changed: Alert[] = [];
    const base = {
      modelName: report.model_name,
      modelVersion: report.model_version,
      time: report.created_time,
      reportId: report.report_id,
    };
    for (const feature of report.features) {
      const psi = this.#alerts.observeInTransaction({
        ...base,
        rule: 'drift/feature-psi',
        feature: feature.feature,
        value: feature.psi,
      });
      if (psi !== undefined) changed.push(psi);
      if (feature.ks_p_value === undefined) continue;
      const ks = this.#alerts.observeInTransaction({
        ...base,
        rule: 'drift/ks-p-value',
        feature: feature.feature,
        value: feature.ks_p_value,
      });
      if (ks !== undefined) changed.push(ks);
    }
    return changed;
  }

  #reference(request: DriftReportRequest, window: { from: number; to: number }): Reference {
    const kind = request.reference ?? 'recorded';
    const baselineId =
      request.baselineId ?? this.#store.driftBaselines.forVersion(request.modelName, request.modelVersion);
    const recorded = baselineId === undefined ? undefined : this.#store.driftBaselines.load(baselineId);
    if (kind === 'recorded') {
      if (recorded === undefined)
        throw notFound(`No drift baseline is recorded for ${request.modelName}@${request.modelVersion}.`);
      return {
        kind,
        baselineId,
        rows: recorded.info.row_count,
        predictionColumn: recorded.predictionColumn,
        features: recorded.features,
      };
    }
    const span = seasonalSpan(kind, window, request.rollingMs ?? DEFAULT_WINDOW_MS * 7);
    const samples: WindowSample[] = this.#store.driftSamples.window(
      request.modelName,
      request.modelVersion,
      span,
    );
    if (samples.length === 0)
      throw invalidParameter(
        `No samples of ${request.modelName}@${request.modelVersion} between ${new Date(span.from).toISOString()} and ${new Date(span.to).toISOString()} to compare with.`,
      );
    const types = new Map<string, DriftColumnType>();
    for (const [name, summary] of recorded?.features ?? [])
      types.set(name === recorded?.predictionColumn ? SAMPLE_PREDICTION_COLUMN : name, summary.type);
    return {
      kind,
      span,
      rows: samples.length,
      predictionColumn: SAMPLE_PREDICTION_COLUMN,
      features: summarizeSamples(samples, types),
    };
  }
}

function windowOf(request: DriftReportRequest, now: number): SampleWindow {
  if (request.last !== undefined) return { last: request.last };
  const to = request.to ?? now;
  return { from: request.from ?? to - DEFAULT_WINDOW_MS, to };
}

function referenceInfo(reference: Reference): DriftReport['reference'] {
  const info: DriftReport['reference'] = { kind: reference.kind, count: reference.rows };
  if (reference.baselineId !== undefined && reference.kind === 'recorded')
    info.baseline_id = reference.baselineId;
  if (reference.span !== undefined) {
    info.from = reference.span.from;
    info.to = reference.span.to;
  }
  return info;
}
