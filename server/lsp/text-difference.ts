import type { TextEdit } from '../engine/types.ts';
import { LineIndex } from '../engine/line-index.ts';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * One edit that turns `before` into `after`: the span between their common prefix and common
 * suffix. Replacing only that span keeps the editor's cursor, folding and markers elsewhere.
 * Returns undefined when the texts are equal.
 */
export function textDifferenceEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  // Never split a line break or a surrogate pair: positions inside them are not valid.
  while (prefix > 0 && (before[prefix - 1] === '\r' || isHighSurrogate(before.charCodeAt(prefix - 1))))
    prefix--;
  while (
    suffix > 0 &&
    (before[before.length - suffix] === '\n' || isLowSurrogate(before.charCodeAt(before.length - suffix)))
  )
    suffix--;
  const lines = new LineIndex(before);
  return {
    range: lines.range(prefix, before.length - suffix),
    newText: after.slice(prefix, after.length - suffix),
  };
}
