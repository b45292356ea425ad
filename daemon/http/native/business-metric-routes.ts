/**
 * Business metrics: PUT `business-metrics/<name>` defines one (which way is better, and a PromQL
 * query or pushed values), GET lists or reads them, POST `business-metrics/<name>/values` pushes
 * values per model version.
 */
import type { FastifyInstance } from 'fastify';
import type {
  BusinessMetric,
  BusinessMetricsResponse,
  BusinessMetricValue,
  PushBusinessMetricValuesResponse,
} from '../../api/business-metric-contract.ts';
import { NATIVE_API_PREFIX } from '../../api/contract.ts';
import {
  DEFAULT_BUSINESS_WINDOW_SECONDS,
  type BusinessMetricService,
} from '../../business-metrics/business-metric-service.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

type Named = { Params: { name: string } };
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/;

export function registerBusinessMetricRoutes(app: FastifyInstance, metrics: BusinessMetricService): void {
  const base = `${NATIVE_API_PREFIX}/business-metrics`;

  app.put<Named>(`${base}/:name`, (request): BusinessMetric => {
    const { name } = request.params;
    if (!NAME.test(name))
      throw invalidParameter(
        `A business metric name is a letter or '_' then letters, digits, '_', '.', ':' or '-'; got '${name}'.`,
      );
    const fields = new RequestFields(request.body, false);
    const direction = fields.optionalEnum('direction', ['higher', 'lower'] as const);
    if (direction === undefined)
      throw invalidParameter("'direction' is required: higher or lower (which way is better).");
    const promql = fields.optionalString('promql');
    const description = fields.optionalString('description');
    return metrics.define({
      name,
      direction,
      window_seconds: fields.optionalInt64('window_seconds') ?? DEFAULT_BUSINESS_WINDOW_SECONDS,
      ...(promql !== undefined ? { promql } : {}),
      ...(description !== undefined ? { description } : {}),
    });
  });

  app.get(base, (): BusinessMetricsResponse => ({ business_metrics: metrics.list() }));

  app.get<Named>(`${base}/:name`, (request): BusinessMetric => metrics.get(request.params.name));

  app.post<Named>(`${base}/:name/values`, (request): PushBusinessMetricValuesResponse => {
    const values = new RequestFields(request.body, false).raw('values');
    if (!Array.isArray(values) || values.length === 0)
      throw invalidParameter(
        "'values' must be a non-empty array of {model_name, model_version, value, time?}.",
      );
    return metrics.push(
      request.params.name,
      values.map((v: unknown, index) => {
        if (typeof v !== 'object' || v === null)
          throw invalidParameter(`'values[${index}]' must be an object.`);
        return v as BusinessMetricValue;
      }),
    );
  });
}
