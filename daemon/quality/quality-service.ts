/**
 * Data quality of production samples: a window of a version's samples is checked against the
 * schema recorded with its baseline, the inputs of its registry signature (the serving
 * contract) and, when given, a Great Expectations suite. Any failure is observed by the
 * `quality/data-check` alert rule through the alert center. Reports are computed on request.
 */
import { readFile } from 'node:fs/promises';
import type { CreateQualityReportRequest, QualityReport } from '../api/contract.ts';
import type { AlertCenter } from '../alerts/alert-center.ts';
import { DEFAULT_WINDOW_MS } from '../drift/drift-service.ts';
import type { SampleWindow } from '../store/drift-sample-records.ts';
import { invalidParameter, TrackingError } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { evaluateSuite, parseExpectationSuite } from './expectation-suite.ts';
import { frameOfRows } from './frame-columns.ts';
import { checkFrame } from './schema-checks.ts';

export class QualityService {
  readonly #store: TrackingStore;
  readonly #alerts: AlertCenter;
  readonly #now: () => number;

  constructor(store: TrackingStore, alerts: AlertCenter, now: () => number = Date.now) {
    this.#store = store;
    this.#alerts = alerts;
    this.#now = now;
  }

  async createReport(request: CreateQualityReportRequest): Promise<QualityReport> {
    const suite = await this.#suite(request);
    const now = this.#now();
    const { model_name: name, model_version: version } = request;
    const window = qualityWindow(request, now);
    const { samples, baselineId, schema } = this.#store.read(() => {
      const id = request.baseline_id ?? this.#store.driftBaselines.forVersion(name, version);
      return {
        samples: this.#store.driftSamples.window(name, version, window),
        baselineId: id,
        schema: id === undefined ? undefined : this.#store.driftBaselines.load(id).dataSchema,
      };
    });
    if (samples.length === 0)
      throw invalidParameter(`No samples of ${name}@${version} in the requested window.`);
    const signature = this.#signatureColumns(name, version);
    if (schema === undefined && signature === undefined && suite === undefined)
      throw invalidParameter(
        `Nothing to check ${name}@${version} against: no baseline with a data schema, no registry signature and no expectation suite.`,
      );
    const frame = frameOfRows(samples.map((sample) => sample.features));
    const checks = checkFrame(frame, schema, signature);
    const failedChecks = checks.filter((check) => check.verdict === 'fail').length;
    const report: QualityReport = {
      model_name: name,
      model_version: version,
      created_time: now,
      window: {
        from: 'from' in window ? window.from : (samples[0]?.time ?? 0),
        to: 'to' in window ? window.to : (samples[samples.length - 1]?.time ?? 0) + 1,
        count: samples.length,
      },
      checks,
      failed_checks: failedChecks,
      alert_ids: [],
    };
    if (baselineId !== undefined && schema !== undefined) report.baseline_id = baselineId;
    if (signature !== undefined) report.signature_columns = signature;
    if (suite !== undefined) report.expectations = evaluateSuite(frame, suite);
    const failed = failedChecks + (report.expectations?.failed ?? 0);
    const alert = this.#alerts.observe({
      rule: 'quality/data-check',
      modelName: name,
      modelVersion: version,
      value: failed,
      time: now,
    });
    if (alert !== undefined && alert.status !== 'resolved') report.alert_ids.push(alert.alert_id);
    return report;
  }

  /** The input column names of the version's registry signature, when it has one. */
  #signatureColumns(name: string, version: string): string[] | undefined {
    let inputs;
    try {
      inputs = this.#store.registry.versionMetadata(name, version).metadata.signature?.inputs ?? [];
    } catch (error) {
      if (error instanceof TrackingError && error.code === 'RESOURCE_DOES_NOT_EXIST') return undefined;
      throw error;
    }
    return inputs.length === 0 ? undefined : inputs.map((input) => input.name);
  }

  async #suite(
    request: CreateQualityReportRequest,
  ): Promise<ReturnType<typeof parseExpectationSuite> | undefined> {
    if (request.expectation_suite !== undefined && request.expectation_suite_file !== undefined)
      throw invalidParameter("Give 'expectation_suite' or 'expectation_suite_file', not both.");
    if (request.expectation_suite !== undefined) return parseExpectationSuite(request.expectation_suite);
    const file = request.expectation_suite_file;
    if (file === undefined) return undefined;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw invalidParameter(`Cannot read the expectation suite ${file}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw invalidParameter(`The expectation suite ${file} is not JSON: ${(error as Error).message}`);
    }
    return parseExpectationSuite(json, file);
  }
}

/** The newest `last` samples, else [from, to) with `to` defaulting to now and `from` to a day before it. */
function qualityWindow(request: CreateQualityReportRequest, now: number): SampleWindow {
  if (request.last !== undefined) return { last: request.last };
  const to = request.to ?? now;
  return { from: request.from ?? to - DEFAULT_WINDOW_MS, to };
}
