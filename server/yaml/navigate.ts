import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import type { Range } from '../engine/types.ts';

/** Follows an alias to its anchor (once; anchors cannot point at aliases). */
export function deref(node: unknown, doc: Document.Parsed): unknown {
  if (isAlias(node)) {
    try {
      return node.resolve(doc);
    } catch {
      return undefined;
    }
  }
  return node;
}

export function asMap(node: unknown, doc: Document.Parsed): YAMLMap | undefined {
  const target = deref(node, doc);
  return isMap(target) ? target : undefined;
}

export function asSeq(node: unknown, doc: Document.Parsed): YAMLSeq | undefined {
  const target = deref(node, doc);
  return isSeq(target) ? target : undefined;
}

export function asScalar(node: unknown, doc: Document.Parsed): Scalar | undefined {
  const target = deref(node, doc);
  return isScalar(target) ? target : undefined;
}

/** A scalar's value as text: strings, numbers and booleans; undefined for null or anything else. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
    ? String(value)
    : undefined;
}

function keyText(key: unknown): string | undefined {
  return scalarText(key);
}

/** The pair of `map` whose key is `key`; merge keys (`<<`) are followed. */
export function pairOf(map: YAMLMap | undefined, key: string, doc: Document.Parsed): Pair | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    if (isPair(item) && keyText(item.key) === key) return item;
  }
  for (const item of map.items) {
    if (isPair(item) && keyText(item.key) === '<<') {
      const merged = deref(item.value, doc);
      const sources = isSeq(merged) ? merged.items : [merged];
      for (const source of sources) {
        const found = pairOf(asMap(source, doc), key, doc);
        if (found) return found;
      }
    }
  }
  return undefined;
}

export function get(map: YAMLMap | undefined, key: string, doc: Document.Parsed): unknown {
  return deref(pairOf(map, key, doc)?.value, doc);
}

export function getMap(map: YAMLMap | undefined, key: string, doc: Document.Parsed): YAMLMap | undefined {
  return asMap(pairOf(map, key, doc)?.value, doc);
}

export function getSeq(map: YAMLMap | undefined, key: string, doc: Document.Parsed): YAMLSeq | undefined {
  return asSeq(pairOf(map, key, doc)?.value, doc);
}

/** The scalar value at `key` as a string, or undefined when missing or not a scalar. */
export function getString(map: YAMLMap | undefined, key: string, doc: Document.Parsed): string | undefined {
  return scalarText(asScalar(pairOf(map, key, doc)?.value, doc));
}

export function getPath(map: YAMLMap | undefined, path: readonly string[], doc: Document.Parsed): unknown {
  let current: unknown = map;
  for (const key of path) {
    const asMapNode = asMap(current, doc);
    if (!asMapNode) return undefined;
    current = get(asMapNode, key, doc);
  }
  return current;
}

/** The map entries as `[key, pair]` in source order; non-scalar keys are skipped. */
export function entries(map: YAMLMap | undefined): Array<[string, Pair]> {
  const out: Array<[string, Pair]> = [];
  for (const item of map?.items ?? []) {
    if (!isPair(item)) continue;
    const key = keyText(item.key);
    if (key !== undefined) out.push([key, item]);
  }
  return out;
}

export function nodeRange(node: unknown, lines: LineIndex): Range {
  const range = (node as Node | undefined)?.range;
  if (!range) return lines.range(0, 0);
  return lines.range(range[0], range[1]);
}

/** The range of a pair's key, the usual anchor for a finding about that entry. */
export function keyRange(pair: Pair, lines: LineIndex): Range {
  return nodeRange(pair.key, lines);
}
