import type { Node, Point, Tree } from 'web-tree-sitter';
import type { Position, Range } from '../../engine/types.ts';
import { parentOf } from './node-parent.ts';

/**
 * The ranges and positions made from one tree, by text offset, so that equal ones are one
 * object: facts hold many (a statement and its expression, a call and its callee, the end of
 * one token and the start of the next), and ranges are most of their memory. Facts are never
 * mutated, so sharing is safe; a tree's table goes with the tree.
 */
interface SharedPositions {
  readonly positions: Map<number, Position>;
  readonly ranges: Map<number, Range>;
}

const shared = new WeakMap<Tree, SharedPositions>();
/** Offsets below this make one exact number key for a range: start * SPAN + end. */
const SPAN = 2 ** 24;

function sharedFor(tree: Tree): SharedPositions {
  let table = shared.get(tree);
  if (!table) shared.set(tree, (table = { positions: new Map(), ranges: new Map() }));
  return table;
}

function positionAt(table: SharedPositions, offset: number, point: () => Point): Position {
  let position = table.positions.get(offset);
  if (!position) {
    const { row, column } = point();
    table.positions.set(offset, (position = { line: row, character: column }));
  }
  return position;
}

/**
 * web-tree-sitter parses JavaScript strings as UTF-16, so its rows and columns already are LSP
 * positions (rows split at `\n`; a `\r` before it stays at the end of the line, as in LSP),
 * and its indices are UTF-16 offsets.
 */
export function rangeOf(node: Node): Range {
  const table = sharedFor(node.tree);
  const startIndex = node.startIndex;
  const endIndex = node.endIndex;
  const key = endIndex < SPAN ? startIndex * SPAN + endIndex : -1;
  let range = key === -1 ? undefined : table.ranges.get(key);
  if (!range) {
    range = {
      start: positionAt(table, startIndex, () => node.startPosition),
      end: positionAt(table, endIndex, () => node.endPosition),
    };
    if (key !== -1) table.ranges.set(key, range);
  }
  return range;
}

export function startOf(node: Node): Position {
  return positionAt(sharedFor(node.tree), node.startIndex, () => node.startPosition);
}

export function endOf(node: Node): Position {
  return positionAt(sharedFor(node.tree), node.endIndex, () => node.endPosition);
}

export function spanRange(first: Node, last: Node): Range {
  return { start: startOf(first), end: endOf(last) };
}

/** The named children, without comments; at most `limit` of them (huge literals stay cheap). */
export function namedChildrenOf(node: Node, limit = Number.POSITIVE_INFINITY): Node[] {
  const out: Node[] = [];
  // Without a limit there is no need to count the children first.
  const count = limit === Number.POSITIVE_INFINITY ? -1 : node.namedChildCount;
  if (count <= limit) {
    for (const child of node.namedChildren) if (child && child.type !== 'comment') out.push(child);
    return out;
  }
  for (let i = 0; i < count && out.length < limit; i++) {
    const child = node.namedChild(i);
    if (child && child.type !== 'comment') out.push(child);
  }
  return out;
}

/** Skips parentheses around an expression. */
export function unwrapParentheses(node: Node): Node {
  let current = node;
  for (let i = 0; i < 64 && current.type === 'parenthesized_expression'; i++) {
    const inner = namedChildrenOf(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The statement (a direct child of a block or the module) that holds `node`. */
export function enclosingStatement(node: Node): Node {
  let current: Node = node;
  for (let i = 0; i < 64; i++) {
    const parent = parentOf(current);
    if (!parent || parent.type === 'block' || parent.type === 'module') return current;
    current = parent;
  }
  return current;
}

/** `a.b.c` for identifier/attribute chains, null for anything else (calls, subscripts...). */
export function dottedName(node: Node): string | null {
  if (node.type === 'dotted_name')
    return namedChildrenOf(node)
      .map((part) => part.text)
      .join('.');
  const parts: string[] = [];
  let current: Node | null = node;
  for (let i = 0; i < 64 && current; i++) {
    if (current.type === 'identifier') {
      parts.unshift(current.text);
      return parts.join('.');
    }
    if (current.type !== 'attribute') return null;
    const attribute = current.childForFieldName('attribute');
    if (!attribute) return null;
    parts.unshift(attribute.text);
    current = current.childForFieldName('object');
  }
  return null;
}
