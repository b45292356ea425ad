import type { Node } from 'web-tree-sitter';
import type { FeatureSelection } from '../facts/file-facts.ts';
import { dottedName, namedChildrenOf, rangeOf, unwrapParentheses } from '../syntax/node-range.ts';
import { lastSegment, type FileContext } from './file-context.ts';

const PASS_THROUGH_METHODS = new Set([
  'values',
  'to_numpy',
  'copy',
  'astype',
  'fillna',
  'dropna',
  'reset_index',
  'tolist',
]);
const SPLITTERS = new Set(['train_test_split']);

export interface TracedData {
  readonly selection: FeatureSelection | null;
  /** The last variable reached while following assignments. */
  readonly variable: string | null;
}

/**
 * Follows a data argument back to the columns it selects: `X_train` ← `train_test_split(X, ...)`
 * ← `X = df[FEATURES]` gives FEATURES' value. Stops after a few hops.
 */
export function traceFeatures(context: FileContext, start: Node, scope: string | null): TracedData {
  let node: Node = unwrapParentheses(start);
  let variable: string | null = null;
  for (let hop = 0; hop < 8; hop++) {
    if (node.type === 'identifier') {
      variable = node.text;
      const binding = context.lookup(node.text, scope, node.startIndex);
      if (!binding) return { selection: null, variable };
      if (binding.element !== null) {
        const next = splitSource(context, binding.value, scope);
        if (!next) return { selection: null, variable };
        node = next;
      } else node = unwrapParentheses(binding.value);
      continue;
    }
    if (node.type === 'subscript') {
      const selection = subscriptSelection(context, node, scope, true);
      if (selection) return { selection, variable };
      const value = node.childForFieldName('value');
      if (!value) break;
      node = value;
      continue;
    }
    const next = passThrough(node);
    if (!next) break;
    node = next;
  }
  return { selection: null, variable };
}

/** `df[FEATURES]`, `df[["a", "b"]]`, `df.loc[:, FEATURES]`: the selected columns. */
export function subscriptSelection(
  context: FileContext,
  node: Node,
  scope: string | null,
  singleColumn = false,
): FeatureSelection | null {
  const keys = node.childrenForFieldName('subscript').filter((k): k is Node => k !== null);
  const key = keys[keys.length - 1];
  if (!key || key.type === 'slice') return null;
  const evaluated = context.evaluate(key, scope);
  const columns =
    singleColumn && evaluated.kind === 'string' ? { kind: 'list' as const, items: [evaluated] } : evaluated;
  const plausible =
    columns.kind === 'list' ||
    columns.kind === 'tuple' ||
    columns.kind === 'ref' ||
    (key.type === 'identifier' && columns.kind === 'unknown');
  if (!plausible) return null;
  return { columns, expressionRange: rangeOf(key), text: key.text };
}

function splitSource(context: FileContext, value: Node, scope: string | null): Node | null {
  if (value.type !== 'call') return null;
  const call = context.call(value, scope);
  if (!SPLITTERS.has(lastSegment(call.callee))) return null;
  const args = value.childForFieldName('arguments');
  const first = args ? namedChildrenOf(args).find((a) => a.type !== 'keyword_argument') : undefined;
  return first ?? null;
}

function passThrough(node: Node): Node | null {
  if (node.type === 'attribute') {
    const name = node.childForFieldName('attribute')?.text ?? '';
    return PASS_THROUGH_METHODS.has(name) ? node.childForFieldName('object') : null;
  }
  if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    if (callee?.type !== 'attribute') return null;
    const name = callee.childForFieldName('attribute')?.text ?? '';
    return PASS_THROUGH_METHODS.has(name) ? callee.childForFieldName('object') : null;
  }
  return null;
}

export function receiverName(node: Node): string | null {
  return dottedName(node);
}
