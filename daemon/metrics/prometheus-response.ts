/**
 * The JSON envelope of Prometheus's HTTP API (`/api/v1/query`, `/api/v1/query_range`) and its
 * validation: `{status: "success", data: {resultType, result}}` or
 * `{status: "error", errorType, error}`. Values arrive as `[<unix seconds>, "<number>"]`.
 */
import { PrometheusQueryError } from './prometheus-errors.ts';

export type SeriesLabels = Record<string, string>;

/** One series at one instant (an instant vector element). */
export interface InstantSample {
  labels: SeriesLabels;
  /** Evaluation time, epoch milliseconds. */
  time: number;
  value: number;
}

/** One series over a range (a range-query matrix element), points in time order. */
export interface RangeSeries {
  labels: SeriesLabels;
  points: { time: number; value: number }[];
}

type RawPoint = [number, string];

interface SuccessEnvelope {
  status: 'success';
  data: { resultType: string; result: unknown };
  warnings?: string[];
}

/** Reads an envelope Prometheus sent; anything else is `undefined` (the caller says why). */
export function readEnvelope(body: unknown, query: string): SuccessEnvelope | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const envelope = body as Record<string, unknown>;
  if (envelope.status === 'error') {
    throw new PrometheusQueryError(
      typeof envelope.errorType === 'string' ? envelope.errorType : 'unknown',
      typeof envelope.error === 'string' ? envelope.error : 'no reason given',
      query,
    );
  }
  if (envelope.status !== 'success') return undefined;
  const data = envelope.data as Record<string, unknown> | undefined;
  if (typeof data?.resultType !== 'string') return undefined;
  return envelope as unknown as SuccessEnvelope;
}

function toPoint(raw: unknown): { time: number; value: number } {
  const [seconds, text] = raw as RawPoint;
  return { time: Math.round(seconds * 1000), value: Number(text) };
}

/** An instant query's result: a vector, or a scalar (as one unlabelled sample). */
export function instantSamples(envelope: SuccessEnvelope): InstantSample[] {
  const { resultType, result } = envelope.data;
  if (resultType === 'scalar') return [{ labels: {}, ...toPoint(result) }];
  if (resultType !== 'vector') return [];
  return (result as { metric: SeriesLabels; value: RawPoint }[]).map((item) => ({
    labels: item.metric,
    ...toPoint(item.value),
  }));
}

/** A range query's result (a matrix). */
export function rangeSeries(envelope: SuccessEnvelope): RangeSeries[] {
  if (envelope.data.resultType !== 'matrix') return [];
  return (envelope.data.result as { metric: SeriesLabels; values: RawPoint[] }[]).map((item) => ({
    labels: item.metric,
    points: item.values.map(toPoint),
  }));
}
