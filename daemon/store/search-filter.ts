/**
 * MLflow's search filter grammar: `AND`-joined comparisons such as `metrics.acc > 0.9`,
 * params.lr = '0.1'`, tags."my tag" LIKE 'a%'`, `attributes.status = 'FAILED'`,
 * `run_id IN ('a', 'b')`. An identifier without a prefix is an attribute. Keys may be quoted
 * with backticks or double quotes; values are quoted strings, numbers or lists of strings.
 */
import { invalidParameter } from './tracking-error.ts';

export type FilterEntity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';
export type Comparator =
  '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';
export type FilterValue = string | number | string[] | null;

export interface FilterClause {
  readonly entity: FilterEntity;
  readonly key: string;
  readonly comparator: Comparator;
  readonly value: FilterValue;
}

const ENTITY_PREFIXES: Record<string, FilterEntity> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

const COMPARATOR = /^(?:<=|>=|!=|=|<|>|NOT\s+IN\b|IN\b|ILIKE\b|LIKE\b|IS\s+NOT\s+NULL\b|IS\s+NULL\b)/i;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const AND = /^AND\b/i;

class FilterCursor {
  readonly text: string;
  pos = 0;
  constructor(text: string) {
    this.text = text;
  }
  rest(): string {
    return this.text.slice(this.pos);
  }
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos += 1;
  }
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
  match(pattern: RegExp): string | undefined {
    this.skipSpace();
    const found = pattern.exec(this.rest());
    if (found === null) return undefined;
    this.pos += found[0].length;
    return found[0];
  }
  fail(expected: string): never {
    throw invalidParameter(
      `Invalid filter '${this.text}': expected ${expected} at position ${this.pos} ('${this.rest().slice(0, 20)}').`,
    );
  }
  /** A quoted string in `quote`; a doubled quote or a backslash escapes it. */
  quoted(quote: string): string {
    this.pos += 1;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text.charAt(this.pos);
      if (ch === '\\' && this.pos + 1 < this.text.length) {
        out += this.text.charAt(this.pos + 1);
        this.pos += 2;
      } else if (ch === quote && this.text.charAt(this.pos + 1) === quote) {
        out += quote;
        this.pos += 2;
      } else if (ch === quote) {
        this.pos += 1;
        return out;
      } else {
        out += ch;
        this.pos += 1;
      }
    }
    return this.fail(`a closing ${quote}`);
  }
}

export function parseSearchFilter(filter: string | undefined): FilterClause[] {
  if (filter === undefined || filter.trim() === '') return [];
  const cursor = new FilterCursor(filter);
  const clauses: FilterClause[] = [];
  for (;;) {
    clauses.push(parseClause(cursor));
    if (cursor.atEnd()) return clauses;
    if (cursor.match(AND) === undefined) cursor.fail("'AND' (only AND-joined comparisons are supported)");
  }
}

function parseClause(cursor: FilterCursor): FilterClause {
  const { entity, key } = parseIdentifier(cursor);
  const rawComparator = cursor.match(COMPARATOR);
  if (rawComparator === undefined) cursor.fail('a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)');
  const comparator = rawComparator.toUpperCase().replace(/\s+/g, ' ') as Comparator;
  if (comparator === 'IS NULL' || comparator === 'IS NOT NULL')
    return { entity, key, comparator, value: null };
  return { entity, key, comparator, value: parseValue(cursor, comparator) };
}

function parseIdentifier(cursor: FilterCursor): { entity: FilterEntity; key: string } {
  cursor.skipSpace();
  const first = readName(cursor, false);
  if (cursor.text.charAt(cursor.pos) !== '.') return { entity: 'attribute', key: first };
  const entity = ENTITY_PREFIXES[first.toLowerCase()];
  if (entity === undefined) {
    cursor.fail(`an entity prefix (metrics, params, tags, attributes, datasets), not '${first}'`);
  }
  cursor.pos += 1;
  return { entity, key: readName(cursor, true) };
}

/** A backtick- or double-quoted name, or a bare one (which may contain dots after the prefix). */
function readName(cursor: FilterCursor, allowDots: boolean): string {
  const ch = cursor.text.charAt(cursor.pos);
  if (ch === '`' || ch === '"') return cursor.quoted(ch);
  const bare = allowDots ? /^[^\s=!<>()'"]+/ : /^\w+/;
  const found = bare.exec(cursor.rest());
  if (found === null) return cursor.fail('an identifier');
  cursor.pos += found[0].length;
  return found[0];
}

function parseValue(cursor: FilterCursor, comparator: Comparator): FilterValue {
  cursor.skipSpace();
  const ch = cursor.text.charAt(cursor.pos);
  if (comparator === 'IN' || comparator === 'NOT IN') {
    if (ch !== '(') cursor.fail('a parenthesized list of quoted strings after IN');
    cursor.pos += 1;
    const items: string[] = [];
    for (;;) {
      cursor.skipSpace();
      const quote = cursor.text.charAt(cursor.pos);
      if (quote !== "'" && quote !== '"') cursor.fail('a quoted string in the IN list');
      items.push(cursor.quoted(quote));
      if (cursor.match(/^,/) !== undefined) continue;
      if (cursor.match(/^\)/) !== undefined) return items;
      cursor.fail("',' or ')'");
    }
  }
  if (ch === "'" || ch === '"') return cursor.quoted(ch);
  const number = cursor.match(NUMBER);
  if (number === undefined) cursor.fail('a quoted string or a number');
  return Number(number);
}
