import type { Node } from 'web-tree-sitter';
import type { Position, Range } from '../../engine/types.ts';

/**
 * web-tree-sitter parses JavaScript strings as UTF-16, so its rows and columns already are LSP
 * positions (rows split at `\n`; a `\r` before it stays at the end of the line, as in LSP).
 */
export function rangeOf(node: Node): Range {
  const start = node.startPosition;
  const end = node.endPosition;
  return {
    start: { line: start.row, character: start.column },
    end: { line: end.row, character: end.column },
  };
}

export function startOf(node: Node): Position {
  return { line: node.startPosition.row, character: node.startPosition.column };
}

export function endOf(node: Node): Position {
  return { line: node.endPosition.row, character: node.endPosition.column };
}

export function spanRange(first: Node, last: Node): Range {
  return { start: startOf(first), end: endOf(last) };
}

/** The named children, without comments; at most `limit` of them (huge literals stay cheap). */
export function namedChildrenOf(node: Node, limit = Number.POSITIVE_INFINITY): Node[] {
  const out: Node[] = [];
  const count = node.namedChildCount;
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
    const parent = current.parent;
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
