/**
 * Text edits on YAML that keep comments and formatting: fixes never re-serialise a document,
 * they replace or insert exactly the text they change, indented like their neighbours.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import type { TextEdit } from '../engine/types.ts';

export interface YamlEntry {
  readonly key: string;
  /** A scalar written as is, or nested entries. */
  readonly value: string | readonly YamlEntry[];
}

export function replaceNode(node: Node, newText: string, lines: LineIndex): TextEdit {
  const [start, end] = node.range ?? [0, 0];
  return { range: lines.range(start, end), newText };
}

export function replaceKey(pair: Pair, newKey: string, lines: LineIndex): TextEdit {
  return replaceNode(pair.key as Node, newKey, lines);
}

function columnOf(offset: number, lines: LineIndex): number {
  return lines.position(offset).character;
}

/** The indentation step used in this text (distance between a key and its first nested key). */
export function indentUnit(lines: LineIndex): number {
  for (let line = 0; line < Math.min(lines.lineCount, 200); line++) {
    const text = lines.lineText(line);
    if (!/:\s*(#.*)?$/.test(text)) continue;
    const next = lines.lineText(line + 1);
    const here = /^(\s*)(- )?/.exec(text);
    const there = /^(\s*)/.exec(next);
    if (!here || !there || next.trim() === '' || next.trim().startsWith('#')) continue;
    const base = (here[1]?.length ?? 0) + (here[2]?.length ?? 0);
    const step = (there[1]?.length ?? 0) - base;
    if (step > 0 && step <= 8) return step;
  }
  return 2;
}

export function renderBlock(
  entries: readonly YamlEntry[],
  indent: number,
  unit: number,
  eol: string,
): string {
  const pad = ' '.repeat(indent);
  return entries
    .map((entry) =>
      typeof entry.value === 'string'
        ? `${pad}${entry.key}: ${entry.value}`
        : `${pad}${entry.key}:${eol}${renderBlock(entry.value, indent + unit, unit, eol)}`,
    )
    .join(eol);
}

export function renderFlow(entries: readonly YamlEntry[]): string {
  return entries
    .map((entry) =>
      typeof entry.value === 'string'
        ? `${entry.key}: ${entry.value}`
        : `${entry.key}: {${renderFlow(entry.value)}}`,
    )
    .join(', ');
}

/** The end offset of the last scalar or flow collection inside a node. */
function lastContentEnd(node: unknown): number | undefined {
  if (isPair(node)) return lastContentEnd(node.value) ?? (node.key as Node | undefined)?.range?.[1];
  if (isMap(node) || isSeq(node)) {
    if (node.flow) return node.range?.[1];
    for (let i = node.items.length - 1; i >= 0; i--) {
      const end = lastContentEnd(node.items[i]);
      if (end !== undefined) return end;
    }
    return undefined;
  }
  return (node as Node | null | undefined)?.range?.[1];
}

/** Inserts entries at the end of a map, in its own style (block or flow). */
export function insertIntoMap(map: YAMLMap, entries: readonly YamlEntry[], lines: LineIndex): TextEdit {
  const [start, valueEnd] = map.range ?? [0, 0, 0];
  if (map.flow) {
    const last = map.items.filter(isPair).at(-1);
    const lastEnd =
      (last?.value as Node | undefined)?.range?.[1] ?? (last?.key as Node | undefined)?.range?.[1];
    if (lastEnd === undefined)
      return { range: lines.range(start + 1, start + 1), newText: renderFlow(entries) };
    return { range: lines.range(lastEnd, lastEnd), newText: `, ${renderFlow(entries)}` };
  }
  const firstKey = map.items.find(isPair)?.key as Node | undefined;
  const indent = columnOf(firstKey?.range?.[0] ?? start, lines);
  const eol = lines.eol;
  const block = renderBlock(entries, indent, indentUnit(lines), eol);
  // After the last line with content, so comments that trail the map stay where they are.
  const contentLine = lines.position(lastContentEnd(map) ?? valueEnd).line;
  const at = lines.lineEnd(contentLine);
  return { range: lines.range(at, at), newText: `${eol}${block}` };
}

/**
 * Inserts entries under `pair`, whose value is a map, an empty flow map, or empty (`key:`).
 * `parentIndent` is the column of the pair's key.
 */
export function insertUnderPair(pair: Pair, entries: readonly YamlEntry[], lines: LineIndex): TextEdit {
  if (isMap(pair.value)) return insertIntoMap(pair.value, entries, lines);
  const key = pair.key as Node;
  const keyColumn = columnOf(key.range?.[0] ?? 0, lines);
  const eol = lines.eol;
  const block = renderBlock(entries, keyColumn + indentUnit(lines), indentUnit(lines), eol);
  if (isScalar(pair.value) && pair.value.range && pair.value.source !== '' && pair.value.value !== null) {
    // A scalar in the way (`resources: ""`): replace it with the block.
    const [s, e] = pair.value.range;
    const keyEnd = key.range?.[1] ?? s;
    return { range: lines.range(keyEnd, e), newText: `:${eol}${block}` };
  }
  const keyEnd = key.range?.[1] ?? 0;
  const lineEnd = lines.lineEnd(lines.position(keyEnd).line);
  return { range: lines.range(lineEnd, lineEnd), newText: `${eol}${block}` };
}
