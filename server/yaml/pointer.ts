import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import type { Range } from '../engine/types.ts';
import { deref } from './navigate.ts';

/**
 * The source range of a JSON pointer (`/rules/gpu~1x`) in a parsed YAML or JSON document.
 * `anchor: 'key'` points at the key of the last segment (for "unknown property" errors).
 * Falls back to the deepest node that exists, so every error still lands somewhere precise.
 */
export function pointerRange(
  doc: Document.Parsed,
  pointer: string,
  lines: LineIndex,
  anchor: 'key' | 'value' = 'value',
): Range {
  const segments =
    pointer === ''
      ? []
      : pointer
          .split('/')
          .slice(1)
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of segments) {
    const current = deref(node, doc);
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(current)) {
      const item = current.items[Number(segment)];
      if (item === undefined) break;
      keyNode = item;
      node = item;
    } else break;
  }
  const target = (anchor === 'key' ? keyNode : node) ?? node ?? doc.contents;
  const range = (target as Node | null)?.range;
  return range ? lines.range(range[0], range[1]) : lines.range(0, 0);
}
