/**
 * The outcomes API: POST `/outcomes/labels` (JSON lines of delayed labels by prediction id) and
 * POST `/outcomes/reports` (the outcome layer of a window, overall and per slice).
 */
import type { FastifyInstance } from 'fastify';
import {
  NATIVE_API_PREFIX,
  type CreateOutcomeReportRequest,
  type OutcomeReportResponse,
  type PushOutcomeLabelsResponse,
} from '../../api/contract.ts';
import type { OutcomeService } from '../../outcomes/outcome-service.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';
import { DRIFT_BODY_LIMIT } from './drift-routes.ts';

const TASKS = ['classification', 'regression'] as const;

export function registerOutcomeRoutes(app: FastifyInstance, outcomes: OutcomeService): void {
  // JSON lines: the body is read as text whatever its content type.
  void app.register((lines, _options, done) => {
    lines.removeAllContentTypeParsers();
    lines.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, parsed) => parsed(null, body));
    lines.post(
      `${NATIVE_API_PREFIX}/outcomes/labels`,
      { bodyLimit: DRIFT_BODY_LIMIT },
      (request): PushOutcomeLabelsResponse => {
        const text = typeof request.body === 'string' ? request.body : '';
        if (text.trim() === '')
          throw invalidParameter('The body must hold labels, one JSON object per line.');
        return outcomes.pushLabels(text);
      },
    );
    done();
  });

  app.post(`${NATIVE_API_PREFIX}/outcomes/reports`, (request): OutcomeReportResponse => {
    const fields = new RequestFields(request.body, false);
    const body: CreateOutcomeReportRequest = {
      model_name: fields.string('model_name'),
      model_version: fields.id('model_version'),
    };
    const from = fields.optionalInt64('from');
    const to = fields.optionalInt64('to');
    if (from !== undefined && to !== undefined && to <= from)
      throw invalidParameter("'to' must be after 'from'.");
    if (from !== undefined) body.from = from;
    if (to !== undefined) body.to = to;
    const sliceBy = fields.stringList('slice_by');
    if (sliceBy.length > 0) body.slice_by = sliceBy;
    const task = fields.optionalString('task');
    if (task !== undefined) {
      if (!TASKS.includes(task as (typeof TASKS)[number]))
        throw invalidParameter(`'task' must be one of ${TASKS.join(', ')}; got '${task}'.`);
      body.task = task as (typeof TASKS)[number];
    }
    return { report: outcomes.createReport(body) };
  });
}
