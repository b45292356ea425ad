/**
 * Python facts in a form that is cheap to post to another thread. Structured cloning writes every
 * range as three objects with their keys, and the receiving thread builds all of them only to pool
 * most away (`SharedValues`). Here each range becomes four numbers in an `Int32Array` that is
 * transferred, not copied, and its place holds its index as a `bigint` (facts never hold one).
 * Strings are posted as they are (a per-batch table of them cost the extracting threads more than
 * it saved) and pooled on arrival. An object reached twice (facts share some) is encoded on the
 * first visit; structured cloning keeps it shared.
 */
import type { Range } from '../engine/types.ts';
import type { PythonFileFacts } from '../python/facts/file-facts.ts';
import type { SharedValues } from './shared-values.ts';

export interface CompactFacts {
  /** The facts with each range replaced by its index, a `bigint`. */
  readonly facts: unknown;
  /** Start line, start character, end line, end character of each range. */
  readonly ranges: Int32Array<ArrayBuffer>;
}

/**
 * Encodes `facts` in place (the caller must not use them afterwards). Post the result with
 * `ranges.buffer` in the transfer list.
 */
export function compactFacts(facts: PythonFileFacts[]): CompactFacts {
  let ranges = new Int32Array(16_384);
  let rangeCount = 0;
  const visit = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) value[i] = visit(item);
      }
      return value;
    }
    const record = value as Record<string, unknown>;
    const range = asRange(record);
    if (range) {
      const at = rangeCount * 4;
      if (at + 4 > ranges.length) {
        const grown = new Int32Array(ranges.length * 2);
        grown.set(ranges);
        ranges = grown;
      }
      ranges[at] = range.start.line;
      ranges[at + 1] = range.start.character;
      ranges[at + 2] = range.end.line;
      ranges[at + 3] = range.end.character;
      return BigInt(rangeCount++);
    }
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'object' && item !== null) record[key] = visit(item);
    }
    return value;
  };
  const encoded = visit(facts);
  return { facts: encoded, ranges: ranges.slice(0, rangeCount * 4) };
}

/** The facts of `compact`, with one copy of each equal string, position and range from `shared`. */
export function expandFacts(compact: CompactFacts, shared: SharedValues): PythonFileFacts[] {
  const { ranges } = compact;
  const visit = (value: unknown): unknown => {
    if (typeof value === 'bigint') {
      const at = Number(value) * 4;
      return shared.range(ranges[at] ?? 0, ranges[at + 1] ?? 0, ranges[at + 2] ?? 0, ranges[at + 3] ?? 0);
    }
    if (typeof value === 'string') return shared.string(value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (
          typeof item === 'string' ||
          typeof item === 'bigint' ||
          (typeof item === 'object' && item !== null)
        )
          value[i] = visit(item);
      }
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'string' || typeof item === 'bigint' || (typeof item === 'object' && item !== null))
        record[key] = visit(item);
    }
    return shared.position(record);
  };
  return visit(compact.facts) as PythonFileFacts[];
}

/**
 * The range when `record` is exactly `{start, end}` and both are positions of int32s (positions
 * are `{line, character}` by type; their keys are not listed again, which would cost as much as
 * the rest of the encoding).
 */
function asRange(record: Record<string, unknown>): Range | undefined {
  const { start, end } = record as { start?: unknown; end?: unknown };
  if (!isPosition(start) || !isPosition(end)) return undefined;
  const keys = Object.keys(record);
  if (keys.length !== 2 || keys[0] !== 'start' || keys[1] !== 'end') return undefined;
  return { start, end };
}

function isPosition(value: unknown): value is Range['start'] {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as { line?: unknown; character?: unknown };
  return isInt32(line) && isInt32(character);
}

function isInt32(value: unknown): value is number {
  return typeof value === 'number' && (value | 0) === value && !Object.is(value, -0);
}
