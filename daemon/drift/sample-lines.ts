/**
 * Reads production samples from JSON lines: one JSON object per line, checked against the
 * sample schema. Each bad line is refused with its 1-based number and what is wrong where
 * (a JSON pointer); the valid lines are kept whatever the others hold. Blank lines are skipped.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { DriftSampleLine } from '../api/contract.ts';
import type { DriftSample } from '../store/drift-sample-records.ts';

/** Timestamps below this (1973-03-03 in ms) are almost surely seconds; they are refused as such. */
const SMALLEST_MILLISECONDS = 1e11;
export const MAX_SAMPLE_LINE_BYTES = 1024 * 1024;

const driftValue = { type: ['number', 'string', 'boolean', 'null'] };
const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
const validateLine = ajv.compile<DriftSampleLine>({
  type: 'object',
  required: ['model_name', 'model_version', 'timestamp', 'features'],
  additionalProperties: false,
  properties: {
    model_name: { type: 'string', minLength: 1 },
    model_version: { type: ['string', 'integer'], minLength: 1 },
    timestamp: { type: ['number', 'string'] },
    features: { type: 'object', additionalProperties: driftValue },
    prediction: driftValue,
    prediction_id: { type: 'string' },
  },
});

export interface ParsedSampleLines {
  samples: DriftSample[];
  rejected: { line: number; message: string }[];
}

export function parseSampleLines(text: string, firstLine = 1): ParsedSampleLines {
  const samples: DriftSample[] = [];
  const rejected: { line: number; message: string }[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + firstLine;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const sample = parseLine(trimmed);
    if (typeof sample === 'string') rejected.push({ line, message: sample });
    else samples.push(sample);
  });
  return { samples, rejected };
}

/** A sample, or why the line is refused. */
function parseLine(text: string): DriftSample | string {
  if (text.length > MAX_SAMPLE_LINE_BYTES) return `longer than ${MAX_SAMPLE_LINE_BYTES} characters`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!validateLine(value)) return describe(validateLine.errors ?? []);
  const time = timestampOf(value.timestamp);
  if (typeof time === 'string') return time;
  const sample: DriftSample = {
    modelName: value.model_name,
    modelVersion: String(value.model_version),
    time,
    features: value.features,
  };
  if (value.prediction !== undefined) sample.prediction = value.prediction;
  if (value.prediction_id !== undefined) sample.predictionId = value.prediction_id;
  return sample;
}

/** Epoch milliseconds of a line's timestamp, or what is wrong with it. */
export function timestampOf(timestamp: number | string): number | string {
  if (typeof timestamp === 'string') {
    const parsed = Date.parse(timestamp);
    return Number.isNaN(parsed) ? `/timestamp: '${timestamp}' is not an ISO 8601 date and time` : parsed;
  }
  if (!Number.isFinite(timestamp)) return '/timestamp: must be a finite number of epoch milliseconds';
  if (Math.abs(timestamp) < SMALLEST_MILLISECONDS)
    return `/timestamp: ${timestamp} looks like seconds; send epoch milliseconds`;
  return Math.round(timestamp);
}

/** The first schema error of a line, with its JSON pointer. */
export function describe(errors: ErrorObject[]): string {
  const first = errors[0];
  if (first === undefined) return 'not a valid sample';
  const where = first.instancePath === '' ? '' : `${first.instancePath}: `;
  if (first.keyword === 'required') return `${where}missing '${String(first.params.missingProperty)}'`;
  if (first.keyword === 'additionalProperties')
    return `${where}unknown field '${String(first.params.additionalProperty)}'`;
  return `${where}${first.message ?? 'invalid'}`;
}
