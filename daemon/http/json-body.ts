/**
 * Request bodies of the MLflow API. Python's `json.dumps` writes bare `NaN`, `Infinity` and
 * `-Infinity`, which JSON.parse rejects; they are read as the strings "NaN", "Infinity" and
 * "-Infinity", the protobuf-JSON spelling the field decoders accept. Object keys named
 * `__proto__` or `constructor` are refused.
 */
import { TrackingError } from '../store/tracking-error.ts';

const BARE_NON_FINITE = /^(?:NaN|-?Infinity)/;

/** Rewrites bare non-finite number tokens outside strings into quoted strings. */
export function quoteNonFiniteTokens(text: string): string {
  if (!/NaN|Infinity/.test(text)) return text;
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text.charAt(i + 1);
        i += 1;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const token = ch === 'N' || ch === 'I' || ch === '-' ? BARE_NON_FINITE.exec(text.slice(i, i + 9)) : null;
    if (token !== null) {
      out += `"${token[0]}"`;
      i += token[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

export function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    // The reviver costs a call per value, so it only runs on bodies that could need it.
    const reviver = /__proto__|constructor/.test(text) ? refusePrototypeKeys : undefined;
    parsed = JSON.parse(quoteNonFiniteTokens(text), reviver);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TrackingError('BAD_REQUEST', `Malformed JSON request body: ${detail}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TrackingError('BAD_REQUEST', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor') throw new SyntaxError(`forbidden key '${key}'`);
  return value;
}
