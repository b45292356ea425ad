import type { Node } from 'web-tree-sitter';
import { stringListOf, stringOf, type StaticValue } from '../facts/static-value.ts';
import { namedChildrenOf } from '../syntax/node-range.ts';
import { argumentNode, lastSegment, type FileContext } from './file-context.ts';

/** What is known about one DataFrame variable's columns, flow-insensitively within its scope. */
interface FrameRecord {
  readonly columns: Set<string>;
  /** Columns known to hold times whatever their names (`parse_dates`, `pd.to_datetime`). */
  readonly times: Set<string>;
  /** Paths and call texts the frame was read from, for recognising dimension tables. */
  readonly sources: string[];
}

export interface FrameKnowledge {
  readonly columns: string[];
  readonly timestamps: string[];
  /** The timestamps known to hold datetimes (`parse_dates`, `pd.to_datetime`), not just named so. */
  readonly parsedTimestamps: string[];
  readonly sources: string[];
}

/** Method calls whose result keeps the columns of the frame they are called on. */
const KEEPS_COLUMNS = new Set([
  'copy',
  'dropna',
  'fillna',
  'sort_values',
  'sort_index',
  'drop_duplicates',
  'reset_index',
  'set_index',
  'rename',
  'assign',
  'astype',
  'query',
  'head',
  'tail',
  'merge',
  'join',
  'merge_asof',
  'sample',
  'last',
  'first',
]);
const JOINS = new Set(['pandas.merge', 'pandas.merge_asof', 'pandas.join']);
const READERS = /^pandas\.(read_[a-z_]+|DataFrame)$/;

/** Event-like names first: `event_time`, `timestamp`, `ts`; then `*_time`, `*_at`, `*_date`. */
const TIME_NAMES: readonly RegExp[] = [
  /^(event_time|event_timestamp|timestamp|ts|time|datetime|event_date)$/i,
  /(_time|_timestamp|_ts|_datetime)$/i,
  /_at$/i,
  /(_date|^date)$/i,
];

export function looksLikeTimestamp(column: string): boolean {
  return TIME_NAMES.some((pattern) => pattern.test(column));
}

function timeRank(column: string): number {
  const rank = TIME_NAMES.findIndex((pattern) => pattern.test(column));
  return rank === -1 ? TIME_NAMES.length : rank;
}

/**
 * The columns of the DataFrame variables of one file: from reads (`parse_dates`, `usecols`,
 * `names`), literal frames, column-list subscripts, `df["col"]` uses, `sort_values` and
 * `pd.to_datetime(df["col"])`. A variable's columns are looked up in its scope, then at module level.
 */
export class FrameColumns {
  private readonly frames = new Map<string, FrameRecord>();
  private readonly context: FileContext;

  constructor(context: FileContext) {
    this.context = context;
    for (const { node, scope } of context.buckets.assignments) this.readAssignment(node, scope);
    for (const { node, scope } of context.buckets.subscripts) this.readSubscript(node, scope);
    for (const { node, scope } of context.buckets.calls) this.readCall(node, scope);
  }

  /** What is known about the frame an expression names (a variable, a column subset, a chain). */
  of(node: Node, scope: string | null): FrameKnowledge & { variable: string | null } {
    const columns = new Set<string>();
    const times = new Set<string>();
    const sources: string[] = [];
    const variable = this.collect(node, scope, columns, times, sources, 0);
    return { variable, ...knowledge(columns, times, sources) };
  }

  private collect(
    node: Node,
    scope: string | null,
    columns: Set<string>,
    times: Set<string>,
    sources: string[],
    depth: number,
  ): string | null {
    if (depth > 16) return null;
    if (node.type === 'parenthesized_expression') {
      const inner = namedChildrenOf(node)[0];
      return inner ? this.collect(inner, scope, columns, times, sources, depth + 1) : null;
    }
    if (node.type === 'identifier') {
      for (const record of [this.frames.get(key(scope, node.text)), this.frames.get(key(null, node.text))]) {
        if (!record) continue;
        for (const c of record.columns) columns.add(c);
        for (const t of record.times) times.add(t);
        sources.push(...record.sources);
      }
      return node.text;
    }
    if (node.type === 'subscript') {
      const base = node.childForFieldName('value');
      const listed = this.subscriptColumns(node, scope);
      if (!base) return null;
      const frameSubset = node.childForFieldName('subscript')?.type === 'list' || (listed?.length ?? 0) > 1;
      if (listed && frameSubset) {
        const inner = new Set<string>();
        const innerTimes = new Set<string>();
        const variable = this.collect(base, scope, inner, innerTimes, sources, depth + 1);
        for (const c of listed) {
          columns.add(c);
          if (innerTimes.has(c)) times.add(c);
        }
        return variable;
      }
      if (listed) return null; // one column: a Series, not a frame
      return this.collect(base, scope, columns, times, sources, depth + 1);
    }
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const callee = this.context.callee(node);
      if (READERS.test(callee)) {
        const read = this.readCallColumns(node, scope);
        for (const c of read.columns) columns.add(c);
        for (const t of read.times) times.add(t);
        sources.push(...read.sources);
        return null;
      }
      // A join's result has the columns of both sides.
      const method = fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : '';
      const joined = JOINS.has(callee)
        ? argumentNode(node, 1, 'right')
        : JOINS.has(`pandas.${method}`)
          ? argumentNode(node, 0, 'right')
          : null;
      if (joined) this.collect(joined, scope, columns, times, sources, depth + 1);
      if (JOINS.has(callee)) {
        const left = argumentNode(node, 0, 'left');
        return left ? this.collect(left, scope, columns, times, sources, depth + 1) : null;
      }
      if (fn?.type === 'attribute' && KEEPS_COLUMNS.has(method)) {
        const object = fn.childForFieldName('object');
        return object ? this.collect(object, scope, columns, times, sources, depth + 1) : null;
      }
    }
    return null;
  }

  private record(scope: string | null, name: string): FrameRecord {
    const k = key(scope, name);
    let record = this.frames.get(k);
    if (!record) this.frames.set(k, (record = { columns: new Set(), times: new Set(), sources: [] }));
    return record;
  }

  private readAssignment(node: Node, scope: string | null): void {
    if (node.type !== 'assignment') return;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    if (left.type === 'identifier') {
      const columns = new Set<string>();
      const times = new Set<string>();
      const sources: string[] = [];
      this.collect(right, scope, columns, times, sources, 0);
      if (columns.size === 0 && times.size === 0 && sources.length === 0) return;
      const record = this.record(scope, left.text);
      for (const c of columns) record.columns.add(c);
      for (const t of times) record.times.add(t);
      record.sources.push(...sources);
      return;
    }
    // df["ts"] = pd.to_datetime(...)
    if (
      left.type === 'subscript' &&
      right.type === 'call' &&
      lastSegment(this.context.callee(right)) === 'to_datetime'
    ) {
      const base = left.childForFieldName('value');
      const column = this.subscriptColumns(left, scope);
      if (base?.type === 'identifier' && column?.length === 1 && column[0])
        this.record(scope, base.text).times.add(column[0]);
    }
  }

  private readSubscript(node: Node, scope: string | null): void {
    const base = node.childForFieldName('value');
    if (base?.type !== 'identifier') return;
    const columns = this.subscriptColumns(node, scope);
    if (!columns) return;
    const record = this.record(scope, base.text);
    for (const c of columns) record.columns.add(c);
  }

  private readCall(node: Node, scope: string | null): void {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute') return;
    const method = fn.childForFieldName('attribute')?.text;
    const object = fn.childForFieldName('object');
    if (method === 'sort_values' && object?.type === 'identifier') {
      const by = argumentNode(node, 0, 'by');
      const columns = by ? columnsOf(this.context.evaluate(by, scope)) : null;
      if (columns) for (const c of columns) this.record(scope, object.text).columns.add(c);
    }
    if (method === 'to_datetime') {
      const arg = argumentNode(node, 0, 'arg');
      const base = arg?.type === 'subscript' ? arg.childForFieldName('value') : null;
      const column = arg?.type === 'subscript' ? this.subscriptColumns(arg, scope) : null;
      if (base?.type === 'identifier' && column?.length === 1 && column[0])
        this.record(scope, base.text).times.add(column[0]);
    }
  }

  private readCallColumns(
    node: Node,
    scope: string | null,
  ): { columns: string[]; times: string[]; sources: string[] } {
    const columns: string[] = [];
    const times: string[] = [];
    const sources: string[] = [];
    const args = node.childForFieldName('arguments');
    for (const child of args ? namedChildrenOf(args) : []) {
      if (child.type !== 'keyword_argument') {
        if (sources.length === 0) sources.push(child.text);
        continue;
      }
      const name = child.childForFieldName('name')?.text ?? '';
      const valueNode = child.childForFieldName('value');
      if (!valueNode) continue;
      const value = this.context.evaluate(valueNode, scope);
      if (name === 'parse_dates') {
        const parsed = columnsOf(value);
        if (parsed) times.push(...parsed);
      } else if (name === 'usecols' || name === 'names' || name === 'columns') {
        columns.push(...(columnsOf(value) ?? []));
      } else if (name === 'data' || name === 'filepath_or_buffer' || name === 'path' || name === 'sql') {
        sources.push(valueNode.text);
      }
    }
    // pd.DataFrame({"id": ..., "ts": ...})
    const first = argumentNode(node, 0, 'data');
    if (first?.type === 'dictionary')
      for (const pair of namedChildrenOf(first)) {
        const k = pair.type === 'pair' ? pair.childForFieldName('key') : null;
        const name = k ? stringOf(this.context.evaluate(k, scope)) : null;
        if (name) columns.push(name);
      }
    columns.push(...times);
    return { columns, times, sources };
  }

  /** `["a", "b"]` in `df[["a", "b"]]`, `["a"]` for `df["a"]`; null for anything else. */
  private subscriptColumns(node: Node, scope: string | null): string[] | null {
    const index = node.childForFieldName('subscript');
    if (!index || (index.type !== 'string' && index.type !== 'list' && index.type !== 'identifier'))
      return null;
    return columnsOf(this.context.evaluate(index, scope));
  }
}

function columnsOf(value: StaticValue): string[] | null {
  const single = stringOf(value);
  if (single !== null && value.kind === 'string') return [single];
  return stringListOf(value);
}

function key(scope: string | null, name: string): string {
  return `${scope ?? ''}\u0000${name}`;
}

function knowledge(columns: Set<string>, times: Set<string>, sources: string[]): FrameKnowledge {
  const timestamps = [...new Set([...times, ...[...columns].filter(looksLikeTimestamp)])].sort(
    (a, b) => (times.has(a) ? -1 : 0) - (times.has(b) ? -1 : 0) || timeRank(a) - timeRank(b),
  );
  return {
    columns: [...new Set([...columns, ...times])],
    timestamps,
    parsedTimestamps: timestamps.filter((t) => times.has(t)),
    sources,
  };
}
