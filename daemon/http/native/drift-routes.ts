/**
 * The drift API: POST/GET `/drift/baselines`, POST `/drift/samples` (JSON lines),
 * POST/GET `/drift/reports`, GET `/drift/reports/get` and GET `/drift/reports/histograms`.
 */
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import {
  NATIVE_API_PREFIX,
  type CreateDriftBaselineRequest,
  type CreateDriftBaselineResponse,
  type DriftBaselinesResponse,
  type DriftColumnSpec,
  type DriftReportHistogramsResponse,
  type DriftReferenceChoice,
  type DriftReportResponse,
  type DriftReportsResponse,
  type PushDriftSamplesResponse,
  type RunDatasetReference,
} from '../../api/contract.ts';
import type { DriftReportRequest } from '../../drift/drift-report-request.ts';
import type { DriftService } from '../../drift/drift-service.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';
import { windowFields } from './window-fields.ts';

/** Baselines and sample batches may be larger than other requests. */
export const DRIFT_BODY_LIMIT = 64 * 1024 * 1024;
const REFERENCE_CHOICES: readonly DriftReferenceChoice[] = ['recorded', 'last_week', 'last_year', 'rolling'];

const ajv = new Ajv({ allErrors: false, strict: true });
const validateSpecs = ajv.compile<Record<string, DriftColumnSpec>>({
  type: 'object',
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    properties: {
      type: { enum: ['numerical', 'categorical'] },
      stattest: { enum: ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'] },
      threshold: { type: 'number', minimum: 0 },
    },
  },
});

function columnSpecs(fields: RequestFields): Record<string, DriftColumnSpec> | undefined {
  const specs = fields.raw('column_specs');
  if (specs === undefined || specs === null) return undefined;
  if (!validateSpecs(specs)) {
    const error = validateSpecs.errors?.[0];
    throw invalidParameter(`'column_specs${error?.instancePath ?? ''}' ${error?.message ?? 'is invalid'}.`);
  }
  return specs;
}

const validateRunDataset = ajv.compile<RunDatasetReference>({
  type: 'object',
  additionalProperties: false,
  required: ['run_id'],
  properties: {
    run_id: { type: 'string', minLength: 1 },
    dataset_name: { type: 'string', minLength: 1 },
    artifact_path: { type: 'string', minLength: 1 },
  },
});

function runDatasetReference(raw: unknown): RunDatasetReference | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!validateRunDataset(raw)) {
    const error = validateRunDataset.errors?.[0];
    throw invalidParameter(
      `'from_run_dataset${error?.instancePath ?? ''}' ${error?.message ?? 'is invalid'}.`,
    );
  }
  return raw;
}

export function registerDriftRoutes(app: FastifyInstance, drift: DriftService): void {
  app.post(
    `${NATIVE_API_PREFIX}/drift/baselines`,
    { bodyLimit: DRIFT_BODY_LIMIT },
    async (request): Promise<CreateDriftBaselineResponse> => {
      const fields = new RequestFields(request.body, false);
      const columns = fields.raw('columns');
      if (
        columns !== undefined &&
        (typeof columns !== 'object' || columns === null || Array.isArray(columns))
      )
        throw invalidParameter("'columns' must be an object of column name to values.");
      const body: CreateDriftBaselineRequest = { model_name: fields.string('model_name') };
      const version = fields.raw('model_version') === undefined ? undefined : fields.id('model_version');
      if (version !== undefined) body.model_version = version;
      const runId = fields.optionalString('run_id');
      if (runId !== undefined) body.run_id = runId;
      if (columns !== undefined) body.columns = columns as CreateDriftBaselineRequest['columns'];
      const file = fields.optionalString('file');
      if (file !== undefined) body.file = file;
      const fromRun = runDatasetReference(fields.raw('from_run_dataset'));
      if (fromRun !== undefined) body.from_run_dataset = fromRun;
      const prediction = fields.optionalString('prediction_column');
      if (prediction !== undefined) body.prediction_column = prediction;
      const specs = columnSpecs(fields);
      if (specs !== undefined) body.column_specs = specs;
      return { baseline: await drift.createBaseline(body) };
    },
  );

  app.get(`${NATIVE_API_PREFIX}/drift/baselines`, (request): DriftBaselinesResponse => ({
    baselines: drift.baselines(new RequestFields(request.query, true).optionalString('model_name')),
  }));

  // JSON lines: the body is read as text whatever its content type.
  void app.register((lines, _options, done) => {
    lines.removeAllContentTypeParsers();
    lines.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, parsed) => parsed(null, body));
    lines.post(
      `${NATIVE_API_PREFIX}/drift/samples`,
      { bodyLimit: DRIFT_BODY_LIMIT },
      (request): PushDriftSamplesResponse => {
        const text = typeof request.body === 'string' ? request.body : '';
        if (text.trim() === '')
          throw invalidParameter('The body must hold samples, one JSON object per line.');
        return drift.pushSamples(text);
      },
    );
    done();
  });

  app.post(`${NATIVE_API_PREFIX}/drift/reports`, async (request): Promise<DriftReportResponse> => ({
    report: await drift.createReport(reportRequest(new RequestFields(request.body, false))),
  }));

  app.get(`${NATIVE_API_PREFIX}/drift/reports`, (request): DriftReportsResponse => {
    const fields = new RequestFields(request.query, true);
    return { reports: drift.reports(fields.string('model_name'), fields.optionalString('model_version')) };
  });

  app.get(`${NATIVE_API_PREFIX}/drift/reports/get`, (request): DriftReportResponse => ({
    report: drift.report(new RequestFields(request.query, true).id('report_id')),
  }));

  app.get(`${NATIVE_API_PREFIX}/drift/reports/histograms`, (request): DriftReportHistogramsResponse => {
    const reportId = new RequestFields(request.query, true).id('report_id');
    return { report_id: reportId, features: drift.histograms(reportId) };
  });
}

function reportRequest(fields: RequestFields): DriftReportRequest {
  const request: DriftReportRequest = {
    modelName: fields.string('model_name'),
    modelVersion: fields.id('model_version'),
  };
  Object.assign(request, windowFields(fields));
  const reference = fields.optionalString('reference');
  if (reference !== undefined) {
    if (!REFERENCE_CHOICES.includes(reference as DriftReferenceChoice))
      throw invalidParameter(
        `'reference' must be one of ${REFERENCE_CHOICES.join(', ')}; got '${reference}'.`,
      );
    request.reference = reference as DriftReferenceChoice;
  }
  const rolling = fields.optionalInt64('rolling_ms');
  if (rolling !== undefined) {
    if (rolling <= 0) throw invalidParameter("'rolling_ms' must be positive.");
    request.rollingMs = rolling;
  }
  if (fields.raw('baseline_id') !== undefined) request.baselineId = fields.id('baseline_id');
  const specs = columnSpecs(fields);
  if (specs !== undefined) request.columnSpecs = specs;
  return request;
}
