/**
 * Python facts in a form that is cheap to post to another thread. Structured cloning writes every
 * object's keys and every string in full, and the receiving thread builds three objects per range
 * only to pool most of them away (`SharedValues`). Here each range becomes four numbers in an
 * `Int32Array` that is transferred, not copied, and each string one entry of a per-batch table;
 * what stands in their place is a `bigint` (facts never hold one): `n` for the n-th range, `-n-1`
 * for the n-th string. An object reached twice (facts share some) is encoded on the first visit
 * and its bigints are left as they are on the next; structured cloning keeps it shared.
 */
import type { Range } from '../engine/types.ts';
import type { PythonFileFacts } from '../python/facts/file-facts.ts';
import type { SharedValues } from './shared-values.ts';

export interface CompactFacts {
  /** The facts with their ranges and strings replaced by `bigint` indices. */
  readonly facts: unknown;
  /** Start line, start character, end line, end character of each range. */
  readonly ranges: Int32Array<ArrayBuffer>;
  readonly strings: readonly string[];
}

/**
 * Encodes `facts` in place (the caller must not use them afterwards). Post the result with
 * `ranges.buffer` in the transfer list.
 */
export function compactFacts(facts: PythonFileFacts[]): CompactFacts {
  let ranges = new Int32Array(16_384);
  let rangeCount = 0;
  const strings: string[] = [];
  const stringIndex = new Map<string, bigint>();
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let index = stringIndex.get(value);
      if (index === undefined) {
        index = -BigInt(strings.length) - 1n;
        strings.push(value);
        stringIndex.set(value, index);
      }
      return index;
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
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
    for (const key in record) record[key] = visit(record[key]);
    return value;
  };
  const encoded = visit(facts);
  return { facts: encoded, ranges: ranges.slice(0, rangeCount * 4), strings };
}

/** The facts of `compact`, with one copy of each equal string, position and range from `shared`. */
export function expandFacts(compact: CompactFacts, shared: SharedValues): PythonFileFacts[] {
  const { ranges } = compact;
  const strings = compact.strings.map((text) => shared.string(text));
  const visit = (value: unknown): unknown => {
    if (typeof value === 'bigint') {
      if (value < 0n) return strings[Number(-value - 1n)];
      const at = Number(value) * 4;
      return shared.range(ranges[at] ?? 0, ranges[at + 1] ?? 0, ranges[at + 2] ?? 0, ranges[at + 3] ?? 0);
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) record[key] = visit(record[key]);
    return shared.position(record);
  };
  return visit(compact.facts) as PythonFileFacts[];
}

/** The range when `record` is exactly `{start: {line, character}, end: {line, character}}` of int32s. */
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
  if (!isInt32(line) || !isInt32(character)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && keys[0] === 'line' && keys[1] === 'character';
}

function isInt32(value: unknown): value is number {
  return typeof value === 'number' && (value | 0) === value && !Object.is(value, -0);
}
