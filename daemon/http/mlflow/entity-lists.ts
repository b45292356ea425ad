/**
 * Repeated message fields of MLflow requests (tags, params, metrics, dataset inputs), checked
 * against JSON Schemas with ajv and then decoded to store inputs.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { DatasetInput, KeyValue } from '../../api/contract.ts';
import type { MetricPoint } from '../../store/run-logging.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { decodeDouble, decodeInt64 } from './request-fields.ts';

const int64 = { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?[0-9]{1,16}$' }] };
const double = { anyOf: [{ type: 'number' }, { type: 'string' }] };
const keyValue = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string' }, value: { type: 'string' } },
};

const ajv = new Ajv({ allErrors: false, strict: true });
const keyValueList = ajv.compile({ type: 'array', items: keyValue });
const metricList = ajv.compile({
  type: 'array',
  items: {
    type: 'object',
    required: ['key', 'value', 'timestamp'],
    properties: { key: { type: 'string' }, value: double, timestamp: int64, step: int64 },
  },
});
const datasetInputList = ajv.compile({
  type: 'array',
  items: {
    type: 'object',
    required: ['dataset'],
    properties: {
      tags: { type: 'array', items: keyValue },
      dataset: {
        type: 'object',
        required: ['name', 'digest', 'source_type', 'source'],
        properties: {
          name: { type: 'string' },
          digest: { type: 'string' },
          source_type: { type: 'string' },
          source: { type: 'string' },
          schema: { type: 'string' },
          profile: { type: 'string' },
        },
      },
    },
  },
});

function check<T>(validate: ValidateFunction, field: string, value: unknown): T[] {
  if (value === undefined || value === null) return [];
  if (!validate(value)) throw invalidParameter(describe(field, validate.errors ?? []));
  return value as T[];
}

function describe(field: string, errors: ErrorObject[]): string {
  const first = errors[0];
  if (first === undefined) return `Invalid value for parameter '${field}'.`;
  const where = `${field}${first.instancePath.replaceAll('/', '.').replace(/\.(\d+)/g, '[$1]')}`;
  if (first.keyword === 'required') {
    const property = (first.params as { missingProperty: string }).missingProperty;
    return `Missing value for required parameter '${where}.${property}'.`;
  }
  return `Invalid value for parameter '${where}' supplied: ${first.message ?? 'wrong type'}.`;
}

export function decodeKeyValues(field: string, value: unknown): KeyValue[] {
  return check<{ key: string; value?: string }>(keyValueList, field, value).map((kv) => ({
    key: kv.key,
    value: kv.value ?? '',
  }));
}

export function decodeMetrics(field: string, value: unknown): MetricPoint[] {
  return check<{ key: string; value: unknown; timestamp: unknown; step?: unknown }>(
    metricList,
    field,
    value,
  ).map((m, index) => ({
    key: m.key,
    value: decodeDouble(`${field}[${index}].value`, m.value),
    timestamp: decodeInt64(`${field}[${index}].timestamp`, m.timestamp),
    step: m.step === undefined ? 0 : decodeInt64(`${field}[${index}].step`, m.step),
  }));
}

export function decodeDatasetInputs(field: string, value: unknown): DatasetInput[] {
  return check<{ tags?: { key: string; value?: string }[]; dataset: DatasetInput['dataset'] }>(
    datasetInputList,
    field,
    value,
  ).map((input) => ({
    tags: (input.tags ?? []).map((t) => ({ key: t.key, value: t.value ?? '' })),
    dataset: input.dataset,
  }));
}
