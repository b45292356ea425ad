/** The data-quality API: POST `/quality/reports` checks a window of samples (see CreateQualityReportRequest). */
import type { FastifyInstance } from 'fastify';
import {
  NATIVE_API_PREFIX,
  type CreateQualityReportRequest,
  type QualityReportResponse,
} from '../../api/contract.ts';
import type { QualityService } from '../../quality/quality-service.ts';
import { RequestFields } from '../mlflow/request-fields.ts';
import { DRIFT_BODY_LIMIT } from './drift-routes.ts';
import { windowFields } from './window-fields.ts';

export function registerQualityRoutes(app: FastifyInstance, quality: QualityService): void {
  app.post(
    `${NATIVE_API_PREFIX}/quality/reports`,
    { bodyLimit: DRIFT_BODY_LIMIT },
    async (request): Promise<QualityReportResponse> => {
      const fields = new RequestFields(request.body, false);
      const body: CreateQualityReportRequest = {
        model_name: fields.string('model_name'),
        model_version: fields.id('model_version'),
      };
      Object.assign(body, windowFields(fields));
      if (fields.raw('baseline_id') !== undefined) body.baseline_id = fields.id('baseline_id');
      const suite = fields.raw('expectation_suite');
      if (suite !== undefined) body.expectation_suite = suite;
      const suiteFile = fields.optionalString('expectation_suite_file');
      if (suiteFile !== undefined) body.expectation_suite_file = suiteFile;
      return { report: await quality.createReport(body) };
    },
  );
}
