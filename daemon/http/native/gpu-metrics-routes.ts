/**
 * GPU use from a context's Prometheus: `metrics/gpu-usage?context=` (now, per GPU or MIG slice
 * and per pod), `metrics/gpu-usage/history?context=&minutes=&step_seconds=` (the GPU board's
 * series), both narrowed to one node by `&hostname=`, and `metrics/gpu-peak-memory?context=&window=`
 * (peak per workload).
 */
import type { FastifyInstance } from 'fastify';
import {
  NATIVE_API_PREFIX,
  type GpuUsageHistoryResponse,
  type GpuUsageResponse,
  type PeakGpuMemoryResponse,
} from '../../api/contract.ts';
import type { ClusterMetrics } from '../../metrics/cluster-metrics.ts';
import { isPromDuration } from '../../metrics/promql-template.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

const MAX_HISTORY_POINTS = 11_000; // Prometheus refuses more per series.

function bounded(fields: RequestFields, name: string, fallback: number, min: number, max: number): number {
  const value = fields.optionalInt64(name) ?? fallback;
  if (value < min || value > max)
    throw invalidParameter(`'${name}' must be from ${min} to ${max}, not ${value}.`);
  return value;
}

export function registerGpuMetricsRoutes(app: FastifyInstance, metrics: ClusterMetrics): void {
  app.get(`${NATIVE_API_PREFIX}/metrics/gpu-usage`, (request): Promise<GpuUsageResponse> => {
    const fields = new RequestFields(request.query, true);
    return metrics.gpuUsage(fields.string('context'), fields.optionalString('hostname'));
  });

  app.get(`${NATIVE_API_PREFIX}/metrics/gpu-usage/history`, (request): Promise<GpuUsageHistoryResponse> => {
    const fields = new RequestFields(request.query, true);
    const context = fields.string('context');
    const minutes = bounded(fields, 'minutes', 60, 1, 7 * 24 * 60);
    const step = bounded(fields, 'step_seconds', Math.max(1, Math.ceil((minutes * 60) / 240)), 1, 86_400);
    if ((minutes * 60) / step > MAX_HISTORY_POINTS)
      throw invalidParameter(
        `'minutes' / 'step_seconds' asks for more than ${MAX_HISTORY_POINTS} points per series.`,
      );
    return metrics.gpuHistory(context, minutes, step, fields.optionalString('hostname'));
  });

  app.get(`${NATIVE_API_PREFIX}/metrics/gpu-peak-memory`, (request): Promise<PeakGpuMemoryResponse> => {
    const fields = new RequestFields(request.query, true);
    const context = fields.string('context');
    const window = fields.optionalString('window') ?? '1h';
    if (!isPromDuration(window))
      throw invalidParameter(
        `'window' must be a Prometheus duration such as 1h or 30m, not ${JSON.stringify(window)}.`,
      );
    return metrics.peakMemory(context, window);
  });
}
