/**
 * Reads delayed labels from JSON lines: `{"prediction_id", "label", "timestamp"?}` per line.
 * Each bad line is refused with its 1-based number and what is wrong where; the valid lines
 * are kept whatever the others hold. Blank lines are skipped.
 */
import { Ajv } from 'ajv';
import type { OutcomeLabelLine } from '../api/contract.ts';
import { describe, MAX_SAMPLE_LINE_BYTES, timestampOf } from '../drift/sample-lines.ts';

export interface OutcomeLabel {
  predictionId: string;
  label: number;
  /** When the outcome was observed (epoch ms). */
  time: number;
}

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
const validateLine = ajv.compile<OutcomeLabelLine>({
  type: 'object',
  required: ['prediction_id', 'label'],
  additionalProperties: false,
  properties: {
    prediction_id: { type: 'string', minLength: 1, maxLength: 256 },
    label: { type: ['number', 'boolean'] },
    timestamp: { type: ['number', 'string'] },
  },
});

export interface ParsedLabelLines {
  labels: OutcomeLabel[];
  rejected: { line: number; message: string }[];
}

export function parseLabelLines(text: string, received: number, firstLine = 1): ParsedLabelLines {
  const labels: OutcomeLabel[] = [];
  const rejected: { line: number; message: string }[] = [];
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const label = parseLine(trimmed, received);
    if (typeof label === 'string') rejected.push({ line: index + firstLine, message: label });
    else labels.push(label);
  });
  return { labels, rejected };
}

function parseLine(text: string, received: number): OutcomeLabel | string {
  if (text.length > MAX_SAMPLE_LINE_BYTES) return `longer than ${MAX_SAMPLE_LINE_BYTES} characters`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!validateLine(value)) return describe(validateLine.errors ?? []);
  const label = typeof value.label === 'boolean' ? Number(value.label) : value.label;
  if (!Number.isFinite(label)) return '/label: must be a finite number';
  const time = value.timestamp === undefined ? received : timestampOf(value.timestamp);
  if (typeof time === 'string') return time;
  return { predictionId: value.prediction_id, label, time };
}
