import type { Node } from 'web-tree-sitter';
import type { DictEntry, StaticValue } from '../facts/static-value.ts';
import { foldPathJoin, joinPathValues } from './path-values.ts';
import { namedChildrenOf, unwrapParentheses } from '../syntax/node-range.ts';
import type { BindingTable } from './bindings.ts';
import type { ImportedName } from './import-aliases.ts';

const MAX_DEPTH = 12;
const MAX_ITEMS = 2_000;
/** A literal without prefix, escapes, braces or line breaks: `"income"`, `'a b'`. */
const PLAIN_STRING = /^(?:"([^"\\{}\r\n]*)"|'([^'\\{}\r\n]*)')$/;

/** Evaluates expressions to `StaticValue`s through literals, local bindings and imports. */
export class StaticEvaluator {
  private readonly bindings: BindingTable;
  private readonly imported: ReadonlyMap<string, ImportedName>;
  qualify: (node: Node) => string | null = () => null;

  constructor(bindings: BindingTable, imported: ReadonlyMap<string, ImportedName>) {
    this.bindings = bindings;
    this.imported = imported;
  }

  evaluate(input: Node, scope: string | null, depth = 0): StaticValue {
    const node = unwrapParentheses(input);
    if (depth > MAX_DEPTH) return unknown(node);
    switch (node.type) {
      case 'string':
        return this.string(node, scope, depth);
      case 'concatenated_string':
        return concatenate(namedChildrenOf(node).map((part) => this.evaluate(part, scope, depth + 1)));
      case 'integer':
      case 'float':
        return numberLiteral(node.text);
      case 'true':
        return { kind: 'boolean', value: true };
      case 'false':
        return { kind: 'boolean', value: false };
      case 'none':
        return { kind: 'none' };
      case 'unary_operator':
        return this.unary(node, scope, depth);
      case 'list':
      case 'set':
        return { kind: 'list', items: this.items(node, scope, depth) };
      case 'tuple':
      case 'expression_list':
        return { kind: 'tuple', items: this.items(node, scope, depth) };
      case 'dictionary':
        return { kind: 'dict', entries: this.entries(node, scope, depth) };
      case 'identifier':
        return this.name(node, scope, depth);
      case 'attribute':
        return this.attribute(node, scope, depth);
      case 'binary_operator':
        return this.binary(node, scope, depth);
      case 'call':
        return this.call(node, scope, depth);
      case 'subscript':
        return this.subscript(node, scope, depth);
      default:
        return unknown(node);
    }
  }

  private items(node: Node, scope: string | null, depth: number): StaticValue[] {
    return namedChildrenOf(node, MAX_ITEMS).map((item) => this.evaluate(item, scope, depth + 1));
  }

  private entries(node: Node, scope: string | null, depth: number): DictEntry[] {
    const out: DictEntry[] = [];
    for (const pair of namedChildrenOf(node, MAX_ITEMS)) {
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (pair.type !== 'pair' || !key || !value) continue;
      out.push({ key: this.evaluate(key, scope, depth + 1), value: this.evaluate(value, scope, depth + 1) });
    }
    return out;
  }

  private string(node: Node, scope: string | null, depth: number): StaticValue {
    // Most strings are plain one-line literals; their value is their text without the quotes,
    // which saves asking the parser for their parts.
    const plain = PLAIN_STRING.exec(node.text);
    if (plain) return { kind: 'string', value: plain[1] ?? plain[2] ?? '' };
    const parts: StaticValue[] = [];
    for (const child of namedChildrenOf(node)) {
      if (child.type === 'string_content') parts.push({ kind: 'string', value: child.text });
      else if (child.type === 'escape_sequence') parts.push({ kind: 'string', value: unescape(child.text) });
      else if (child.type === 'interpolation') {
        const expression = child.childForFieldName('expression');
        parts.push(expression ? this.evaluate(expression, scope, depth + 1) : unknown(child));
      }
    }
    return concatenate(parts);
  }

  private unary(node: Node, scope: string | null, depth: number): StaticValue {
    const operand = node.childForFieldName('argument');
    const operator = node.childForFieldName('operator')?.text;
    if (!operand) return unknown(node);
    const value = this.evaluate(operand, scope, depth + 1);
    if (value.kind === 'number' && operator === '-') return { kind: 'number', value: -value.value };
    if (value.kind === 'number' && operator === '+') return value;
    return unknown(node);
  }

  private name(node: Node, scope: string | null, depth: number): StaticValue {
    const name = node.text;
    if (name === '__file__') return { kind: 'path', value: '__file__', base: 'file-dir' };
    const binding = this.bindings.lookup(name, scope, node.startIndex);
    if (binding && binding.element === null) return this.evaluate(binding.value, binding.scope, depth + 1);
    const imported = this.imported.get(name);
    if (imported?.name)
      return { kind: 'ref', module: imported.module, name: imported.name, level: imported.level };
    return unknown(node);
  }

  private attribute(node: Node, scope: string | null, depth: number): StaticValue {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute')?.text;
    if (!object || !attribute) return unknown(node);
    if (object.type === 'identifier') {
      const imported = this.imported.get(object.text);
      if (imported && imported.name === null)
        return { kind: 'ref', module: imported.module, name: attribute, level: 0 };
      if (imported?.name)
        return {
          kind: 'ref',
          module: `${imported.module}.${imported.name}`,
          name: attribute,
          level: imported.level,
        };
    }
    if (attribute === 'parent') {
      const base = this.evaluate(object, scope, depth + 1);
      return parentOf(base) ?? unknown(node);
    }
    return unknown(node);
  }

  private binary(node: Node, scope: string | null, depth: number): StaticValue {
    const leftNode = node.childForFieldName('left');
    const rightNode = node.childForFieldName('right');
    const op = node.childForFieldName('operator')?.text ?? '';
    if (!leftNode || !rightNode) return unknown(node);
    const left = this.evaluate(leftNode, scope, depth + 1);
    const right = this.evaluate(rightNode, scope, depth + 1);
    return foldBinary(op, left, right) ?? unknown(node);
  }

  private call(node: Node, scope: string | null, depth: number): StaticValue {
    const callee = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!callee || !args) return unknown(node);
    const name = this.qualify(callee) ?? '';
    // Most calls are none of those below: their arguments are only listed when needed.
    let listed: Node[] | undefined;
    const positionalArguments = (): Node[] =>
      (listed ??= namedChildrenOf(args).filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment'));
    const values = (): StaticValue[] => positionalArguments().map((a) => this.evaluate(a, scope, depth + 1));
    if (name === 'os.path.join' || name === 'posixpath.join') return joinPathValues(values(), 'cwd');
    if (name === 'pathlib.Path' || name === 'pathlib.PurePath' || name === 'pathlib.PosixPath') {
      const parts = values();
      if (parts.length === 0) return { kind: 'path', value: '.', base: 'cwd' };
      return joinPathValues(parts, 'cwd');
    }
    if (name === 'os.path.dirname') {
      const first = positionalArguments()[0];
      const value = first ? this.evaluate(first, scope, depth + 1) : null;
      return (value && parentOf(value)) ?? unknown(node);
    }
    if (
      [
        'str',
        'os.fspath',
        'os.path.abspath',
        'os.path.realpath',
        'os.path.normpath',
        'list',
        'tuple',
      ].includes(name)
    ) {
      const first = positionalArguments()[0];
      return first ? this.evaluate(first, scope, depth + 1) : unknown(node);
    }
    if (name === 'os.getenv' || name === 'os.environ.get') {
      const fallback = positionalArguments()[1];
      return fallback ? this.evaluate(fallback, scope, depth + 1) : unknown(node);
    }
    if (callee.type === 'attribute') {
      const method = callee.childForFieldName('attribute')?.text;
      const object = callee.childForFieldName('object');
      if (object && (method === 'resolve' || method === 'absolute' || method === 'expanduser'))
        return this.evaluate(object, scope, depth + 1);
      if (object && method === 'joinpath')
        return joinPathValues([this.evaluate(object, scope, depth + 1), ...values()], 'cwd');
    }
    return unknown(node);
  }

  private subscript(node: Node, scope: string | null, depth: number): StaticValue {
    const value = node.childForFieldName('value');
    const key = node.childForFieldName('subscript');
    if (!value || !key) return unknown(node);
    const container = this.evaluate(value, scope, depth + 1);
    // Only a known dict, list or tuple can be looked into.
    if (container.kind !== 'dict' && container.kind !== 'list' && container.kind !== 'tuple')
      return unknown(node);
    const index = this.evaluate(key, scope, depth + 1);
    if (container.kind === 'dict') {
      const entry = container.entries.find((e) => sameKey(e.key, index));
      return entry ? entry.value : unknown(node);
    }
    if ((container.kind === 'list' || container.kind === 'tuple') && index.kind === 'number') {
      const item = container.items.at(index.value);
      return item ?? unknown(node);
    }
    return unknown(node);
  }
}

function unknown(node: Node): StaticValue {
  const text = node.text;
  return { kind: 'unknown', text: text.length > 200 ? `${text.slice(0, 200)}…` : text };
}

function numberLiteral(text: string): StaticValue {
  const clean = text.replace(/_/g, '').replace(/[lLjJ]$/, '');
  const value = /^0[oO]/.test(clean) ? parseInt(clean.slice(2), 8) : Number(clean);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'unknown', text };
}

function unescape(text: string): string {
  const simple: Record<string, string> = { '\\n': '\n', '\\t': '\t', '\\\\': '\\', "\\'": "'", '\\"': '"' };
  return simple[text] ?? text;
}

function sameKey(a: StaticValue, b: StaticValue): boolean {
  if (a.kind === 'string' && b.kind === 'string') return a.value === b.value;
  if (a.kind === 'number' && b.kind === 'number') return a.value === b.value;
  return false;
}

/** Joins string parts; unknown parts turn the result into a glob pattern, refs keep it symbolic. */
export function concatenate(parts: readonly StaticValue[]): StaticValue {
  if (parts.every((p) => p.kind === 'string' || p.kind === 'number')) {
    return {
      kind: 'string',
      value: parts.map((p) => (p.kind === 'string' || p.kind === 'number' ? String(p.value) : '')).join(''),
    };
  }
  if (parts.some((p) => p.kind === 'ref' || p.kind === 'concat' || p.kind === 'path-join'))
    return { kind: 'concat', parts };
  const glob = parts
    .map((p) =>
      p.kind === 'string' || p.kind === 'number'
        ? String(p.value)
        : p.kind === 'path'
          ? p.value
          : p.kind === 'pattern'
            ? p.glob
            : '*',
    )
    .join('');
  return { kind: 'pattern', glob };
}

/** Folds `left op right` when both sides are known; keeps it symbolic when a side is an import. */
export function foldBinary(op: string, left: StaticValue, right: StaticValue): StaticValue | null {
  if (
    op === '+' &&
    (left.kind === 'list' || left.kind === 'tuple') &&
    (right.kind === 'list' || right.kind === 'tuple') &&
    left.kind === right.kind
  ) {
    return { kind: left.kind, items: [...left.items, ...right.items] };
  }
  if (left.kind === 'number' && right.kind === 'number') {
    const value = arithmetic(op, left.value, right.value);
    return value === null ? null : { kind: 'number', value };
  }
  if (op === '/' && (left.kind === 'path' || (left.kind === 'path-join' && left.base !== undefined)))
    return joinPathValues([left, right], 'cwd');
  if (
    op === '+' &&
    (left.kind === 'string' || right.kind === 'string' || left.kind === 'ref' || right.kind === 'ref')
  ) {
    if (left.kind === 'unknown' && right.kind === 'unknown') return null;
    return concatenate([left, right]);
  }
  if (op === '%' && left.kind === 'string')
    return { kind: 'pattern', glob: left.value.replace(/%[-0-9.]*[sdifr]/g, '*') };
  if (left.kind === 'unknown' || right.kind === 'unknown') return null;
  return { kind: 'binary', op, left, right };
}

export function arithmetic(op: string, a: number, b: number): number | null {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
    case '//':
      return b === 0 ? null : Math.floor(a / b);
    case '**':
      return a ** b;
    case '%':
      return b === 0 ? null : a % b;
    default:
      return null;
  }
}

function parentOf(value: StaticValue): StaticValue | null {
  if (value.kind === 'path' && value.value === '__file__')
    return { kind: 'path', value: '', base: 'file-dir' };
  if (value.kind === 'path')
    return foldPathJoin(
      [
        { kind: 'path', value: value.value, base: value.base },
        { kind: 'string', value: '..' },
      ],
      value.base,
    );
  return null;
}
