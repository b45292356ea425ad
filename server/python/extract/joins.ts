import type { Node } from 'web-tree-sitter';
import type { CallFact } from '../facts/file-facts.ts';
import type { FrameSide, JoinFact } from '../facts/point-in-time.ts';
import { stringListOf, stringOf, type StaticValue } from '../facts/static-value.ts';
import { rangeOf } from '../syntax/node-range.ts';
import { argumentNode, keyword, type FileContext } from './file-context.ts';
import type { FrameColumns } from './frame-columns.ts';
import { isInside } from './training-markers.ts';

/** A variable or a path that names a static dimension table rather than time-varying features. */
const DIMENSION = /(^|[^a-z])(dim|dims|dimension|dimensions|lookup|reference|ref|static|catalog)([^a-z]|$)/i;
const POSTFIX_SAFE = new Set(['identifier', 'attribute', 'subscript', 'call', 'parenthesized_expression']);

/** `pd.merge(left, right, on=...)`, `left.merge(right, ...)` and `left.join(right, on=...)`. */
export function extractJoins(
  context: FileContext,
  frames: FrameColumns,
  handlerScopes: ReadonlySet<string>,
): JoinFact[] {
  const out: JoinFact[] = [];
  const pandasAlias = pandasName(context);
  for (const { node, scope } of context.buckets.calls) {
    const sides = joinSides(context, node);
    if (!sides) continue;
    const call = context.call(node, scope);
    const on = keyword(call, 'on');
    const leftOn = keyword(call, 'left_on');
    const rightOn = keyword(call, 'right_on');
    if (sides.kind === 'join' && !on) continue; // index-on-index join: no key columns to see
    // `left.join(features.set_index("id"), on="id")`: the right key is the column made the index.
    const indexed = sides.kind === 'join' ? indexedFrame(context, sides.right, scope) : null;
    let keyText: JoinFact['keyText'] = null;
    if (on && indexed)
      keyText = on.text === indexed.keyText ? { on: on.text } : { leftOn: on.text, rightOn: indexed.keyText };
    else if (on && sides.kind === 'merge') keyText = { on: on.text };
    else if (leftOn && rightOn) keyText = { leftOn: leftOn.text, rightOn: rightOn.text };
    out.push({
      kind: sides.kind,
      call,
      left: sideOf(frames, sides.left, scope),
      right: sideOf(frames, indexed?.frame ?? sides.right, scope),
      leftKeys: keysOf(on?.value ?? leftOn?.value),
      rightKeys: sides.kind === 'join' ? (indexed?.keys ?? null) : keysOf(on?.value ?? rightOn?.value),
      keyText,
      how: stringOf(keyword(call, 'how')?.value),
      suffixesText: keyword(call, 'suffixes')?.text ?? joinSuffixes(call),
      pandasAlias,
      inHandler: isInside(scope, handlerScopes),
      scope,
    });
  }
  return out;
}

function joinSides(
  context: FileContext,
  node: Node,
): { kind: 'merge' | 'join'; left: Node; right: Node } | null {
  const callee = context.callee(node);
  if (callee === 'pandas.merge') {
    const left = argumentNode(node, 0, 'left');
    const right = argumentNode(node, 1, 'right');
    return left && right ? { kind: 'merge', left, right } : null;
  }
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute') return null;
  const method = fn.childForFieldName('attribute')?.text;
  if (method !== 'merge' && method !== 'join') return null;
  const object = fn.childForFieldName('object');
  if (!object || object.type === 'string' || object.type === 'concatenated_string') return null;
  // `os.path.join(...)`, `shlex.join(...)`: functions of an imported module, not frames.
  const root = /^[A-Za-z_][A-Za-z0-9_]*/.exec(fn.text)?.[0] ?? '';
  if (object.type !== 'call' && context.imported.has(root)) return null;
  const right = argumentNode(node, 0, method === 'merge' ? 'right' : 'other');
  return right ? { kind: method, left: object, right } : null;
}

/** `frame` and its key columns in `frame.set_index("id")`; null for any other right side. */
function indexedFrame(
  context: FileContext,
  node: Node,
  scope: string | null,
): { frame: Node; keys: string[]; keyText: string } | null {
  const fn = node.type === 'call' ? node.childForFieldName('function') : null;
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'set_index') return null;
  const frame = fn.childForFieldName('object');
  const key = argumentNode(node, 0, 'keys');
  const keys = key ? keysOf(context.evaluate(key, scope)) : null;
  return frame && key && keys ? { frame, keys, keyText: key.text } : null;
}

function sideOf(frames: FrameColumns, node: Node, scope: string | null): FrameSide {
  const known = frames.of(node, scope);
  const named = [known.variable ?? '', node.text.length < 200 ? node.text : '', ...known.sources];
  return {
    text: node.text,
    range: rangeOf(node),
    variable: known.variable,
    columns: known.columns,
    timestamps: known.timestamps,
    parsedTimestamps: known.parsedTimestamps,
    dimension: named.some((name) => DIMENSION.test(name.replace(/\.[a-z]+["']?$/i, ''))),
    postfixSafe: POSTFIX_SAFE.has(node.type),
  };
}

/** `lsuffix=`/`rsuffix=` of a `join` as merge suffixes: `("", "_profile")`. */
function joinSuffixes(call: CallFact): string | null {
  const left = keyword(call, 'lsuffix')?.text;
  const right = keyword(call, 'rsuffix')?.text;
  return left || right ? `(${left ?? '""'}, ${right ?? '""'})` : null;
}

function keysOf(value: StaticValue | undefined): string[] | null {
  if (!value) return null;
  const single = value.kind === 'string' ? value.value : null;
  return single !== null ? [single] : stringListOf(value);
}

/** The local name of `import pandas as pd` (or `import pandas`), null when pandas is not imported. */
export function pandasName(context: FileContext): string | null {
  for (const [local, imported] of context.imported) if (imported.qualified === 'pandas') return local;
  return null;
}
