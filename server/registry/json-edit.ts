/**
 * Text edits on JSON parsed with positions (as YAML flow collections): fixes insert members in
 * the file's own layout (one member per line with its indentation, or all on one line) and keep
 * the result valid JSON.
 */
import { isMap, isPair, isSeq } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import type { TextEdit } from '../engine/types.ts';

export interface JsonLocation {
  /** The node the pointer names, or undefined when it does not exist. */
  readonly node: Node | undefined;
  /** The key of the property that holds it (absent at the root and for array items). */
  readonly key: Node | undefined;
}

/** Resolves a JSON pointer in a JSON document parsed with `yaml`. */
export function locatePointer(doc: Document.Parsed, pointer: string): JsonLocation {
  let node = doc.contents as Node | null;
  let key: Node | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (p.key as { value?: unknown }).value === segment);
      if (!pair) return { node: undefined, key: undefined };
      key = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      node = (node.items[Number(segment)] as Node | undefined) ?? null;
      key = undefined;
      if (!node) return { node: undefined, key: undefined };
    } else return { node: undefined, key: undefined };
  }
  return { node: node ?? undefined, key };
}

function leadingSpaces(lines: LineIndex, line: number): string {
  return /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? '';
}

/** JSON on one line, spaced like hand-written JSON: `{"name": "", "version": ""}`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** JSON over several lines, each continuation line prefixed with `indent`. */
function block(value: unknown, indent: string, unit: string, eol: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(`${eol}${indent}`);
}

/**
 * Inserts members at the end of a JSON object. An empty object is replaced as a whole, so
 * several such fixes on one object overlap and "fix all" keeps only the first.
 */
export function insertJsonMembers(
  object: YAMLMap,
  members: Readonly<Record<string, unknown>>,
  lines: LineIndex,
): TextEdit {
  const [start, end] = object.range ?? [0, 0];
  const openLine = lines.position(start).line;
  const baseIndent = leadingSpaces(lines, openLine);
  const eol = lines.eol;
  const pairs = object.items.filter(isPair);
  const firstKey = pairs[0]?.key as Node | undefined;
  const last = pairs.at(-1);
  const multiLine = firstKey?.range
    ? lines.position(firstKey.range[0]).line !== openLine
    : lines.text.slice(0, lines.lineEnd(0)).trim() !== lines.text.trim();
  const memberIndent = firstKey?.range
    ? leadingSpaces(lines, lines.position(firstKey.range[0]).line)
    : `${baseIndent}${detectUnit(lines)}`;
  const unit = memberIndent.length > baseIndent.length ? memberIndent.slice(baseIndent.length) : '  ';
  const render = (key: string, value: unknown): string =>
    multiLine
      ? `${memberIndent}${JSON.stringify(key)}: ${block(value, memberIndent, unit, eol)}`
      : `${JSON.stringify(key)}: ${inline(value)}`;
  const rendered = Object.entries(members).map(([key, value]) => render(key, value));
  if (!last) {
    const body = multiLine
      ? `{${eol}${rendered.join(`,${eol}`)}${eol}${baseIndent}}`
      : `{${rendered.join(', ')}}`;
    return { range: lines.range(start, end), newText: body };
  }
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range?.[1] ?? end;
  const separator = multiLine ? `,${eol}` : ', ';
  return { range: lines.range(lastEnd, lastEnd), newText: `${separator}${rendered.join(separator)}` };
}

/** The indentation step of the file: the indent of its first indented line, else two spaces. */
function detectUnit(lines: LineIndex): string {
  for (let line = 0; line < Math.min(lines.lineCount, 50); line++) {
    const indent = leadingSpaces(lines, line);
    if (indent.length > 0) return indent;
  }
  return '  ';
}
