import type { Position, Range } from '../engine/types.ts';

/**
 * One copy of each equal string, position and range in data that arrived from another thread
 * (`compact-facts.ts` rebuilds them through here). A message from another thread has its own copy
 * of every string, where the thread that made the data shared them (slices of one source text,
 * the same feature and callee names over and over); and files have most of their positions (line,
 * column) in common. Pooling takes the Python facts of the generated 5,000-file project from
 * about 350 to under 250 MB.
 */
export class SharedValues {
  private readonly strings = new Map<string, string>();
  /** By `positionKey`. */
  private readonly positions = new Map<number, Position>();
  /** By the start's key, then the end's. */
  private readonly ranges = new Map<number, Map<number, Range>>();

  /** The pooled copy of `text`. */
  string(text: string): string {
    const pooled = this.strings.get(text);
    if (pooled !== undefined) return pooled;
    this.strings.set(text, text);
    return text;
  }

  /** The pooled position when `record` is a `{line, character}`, otherwise `record` itself. */
  position(record: Record<string, unknown>): unknown {
    if (typeof record.line !== 'number' || typeof record.character !== 'number') return record;
    const keys = Object.keys(record);
    if (keys.length !== 2 || keys[0] !== 'line' || keys[1] !== 'character') return record;
    const key = positionKey(record);
    if (key === undefined) return record;
    const pooled = this.positions.get(key);
    if (pooled) return pooled;
    this.positions.set(key, record as unknown as Position);
    return record;
  }

  /** The pooled range from `startLine:startCharacter` to `endLine:endCharacter`. */
  range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
    const start = positionKey({ line: startLine, character: startCharacter });
    const end = positionKey({ line: endLine, character: endCharacter });
    if (start === undefined || end === undefined)
      return {
        start: { line: startLine, character: startCharacter },
        end: { line: endLine, character: endCharacter },
      };
    let byEnd = this.ranges.get(start);
    if (!byEnd) this.ranges.set(start, (byEnd = new Map<number, Range>()));
    let pooled = byEnd.get(end);
    if (!pooled) {
      pooled = { start: this.pooledPosition(start), end: this.pooledPosition(end) };
      byEnd.set(end, pooled);
    }
    return pooled;
  }

  private pooledPosition(key: number): Position {
    let pooled = this.positions.get(key);
    if (!pooled) {
      pooled = { line: Math.floor(key / 65_536), character: key % 65_536 };
      this.positions.set(key, pooled);
    }
    return pooled;
  }
}

/** One small integer per position of the usual sizes; undefined for anything else. */
function positionKey(value: unknown): number | undefined {
  const { line, character } = value as { line?: unknown; character?: unknown };
  if (typeof line !== 'number' || typeof character !== 'number') return undefined;
  if (!(line >= 0 && line < 16_384 && character >= 0 && character < 65_536)) return undefined;
  return line * 65_536 + character;
}
