import type { Node } from 'web-tree-sitter';
import type { FeatureListFact, RowItemFact } from '../facts/file-facts.ts';
import { namedChildrenOf, rangeOf, unwrapParentheses } from '../syntax/node-range.ts';
import { subscriptSelection } from './feature-selection.ts';
import { argumentNode, lastSegment, type FileContext } from './file-context.ts';

const PREDICT_METHODS = new Set([
  'predict',
  'predict_proba',
  'predict_log_proba',
  'decision_function',
  'score_samples',
]);

/** The columns passed, in order, to `fit(X, y)` and `predict(X)`. */
export function extractFeatureLists(context: FileContext): FeatureListFact[] {
  const out: FeatureListFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    const method = context.method(node);
    if (method === null) continue;
    const isFit =
      method === 'fit' && namedChildrenOf(node.childForFieldName('arguments') ?? node).length >= 2;
    if (!isFit && !PREDICT_METHODS.has(method)) continue;
    const data = argumentNode(node, 0, 'X');
    if (!data) continue;
    const found = columnsOf(context, data, scope, 0);
    if (!found) continue;
    out.push({ use: isFit ? 'fit' : 'predict', items: [], ...found, call: context.call(node, scope), scope });
  }
  return out;
}

type Found = Pick<FeatureListFact, 'columns' | 'expressionRange' | 'text' | 'how'> & {
  items?: RowItemFact[];
};

function columnsOf(context: FileContext, input: Node, scope: string | null, depth: number): Found | null {
  if (depth > 6) return null;
  const node = unwrapParentheses(input);
  switch (node.type) {
    case 'identifier': {
      const binding = context.lookup(node.text, scope, node.startIndex);
      if (binding && binding.element === null) return columnsOf(context, binding.value, scope, depth + 1);
      if (
        binding &&
        binding.value.type === 'call' &&
        lastSegment(context.call(binding.value, scope).callee) === 'train_test_split'
      ) {
        const first = argumentNode(binding.value, 0);
        return first ? columnsOf(context, first, scope, depth + 1) : null;
      }
      return null;
    }
    case 'subscript': {
      const selection = subscriptSelection(context, node, scope);
      if (selection && selection.columns.kind !== 'unknown') return { ...selection, how: 'subscript' };
      const value = node.childForFieldName('value');
      return value && value.type !== 'identifier' ? columnsOf(context, value, scope, depth + 1) : null;
    }
    case 'attribute':
      return ['values', 'T'].includes(node.childForFieldName('attribute')?.text ?? '')
        ? columnsOf(context, node.childForFieldName('object') ?? node, scope, depth + 1)
        : null;
    case 'call':
      return callColumns(context, node, scope, depth);
    case 'list':
    case 'list_comprehension':
      return literalRow(context, node, scope);
    default:
      return null;
  }
}

function callColumns(context: FileContext, node: Node, scope: string | null, depth: number): Found | null {
  const call = context.call(node, scope);
  const name = lastSegment(call.callee);
  if (name === 'DataFrame') {
    const columns = call.arguments.keywords.find((k) => k.name === 'columns');
    if (columns)
      return {
        columns: columns.value,
        expressionRange: columns.range,
        text: columns.text,
        how: 'dataframe-columns',
      };
    return null;
  }
  if (name === 'transform' || name === 'fit_transform') {
    const first = argumentNode(node, 0, 'X');
    return first ? columnsOf(context, first, scope, depth + 1) : null;
  }
  if (name === 'reindex') {
    const columns = call.arguments.keywords.find((k) => k.name === 'columns');
    if (columns)
      return { columns: columns.value, expressionRange: columns.range, text: columns.text, how: 'reindex' };
  }
  if (
    name === 'array' ||
    name === 'asarray' ||
    name === 'tensor' ||
    name === 'to_numpy' ||
    name === 'reshape' ||
    name === 'astype'
  ) {
    const first = argumentNode(node, 0);
    if (first && (name === 'array' || name === 'asarray' || name === 'tensor'))
      return columnsOf(context, first, scope, depth + 1);
    const receiver = node.childForFieldName('function')?.childForFieldName('object');
    return receiver ? columnsOf(context, receiver, scope, depth + 1) : null;
  }
  return null;
}

/** `[[req.a, req.b]]`, `[payload["a"], payload["b"]]`, a local bound to such a list, `[payload[f] for f in FEATURES]`. */
function literalRow(context: FileContext, node: Node, scope: string | null): Found | null {
  let row = node;
  const items = namedChildrenOf(node);
  const single = items.length === 1 ? items[0] : undefined;
  if (single?.type === 'list' || single?.type === 'list_comprehension') row = single;
  else if (single?.type === 'identifier') {
    const binding = context.lookup(single.text, scope, single.startIndex);
    const value = binding && binding.element === null ? unwrapParentheses(binding.value) : null;
    if (value?.type === 'list' || value?.type === 'list_comprehension') row = value;
  }
  if (row.type === 'list_comprehension') {
    const clause = namedChildrenOf(row).find((c) => c.type === 'for_in_clause');
    const iterable = clause?.childForFieldName('right');
    if (!iterable) return null;
    return {
      columns: context.evaluate(iterable, scope),
      expressionRange: rangeOf(iterable),
      text: iterable.text,
      how: 'comprehension',
    };
  }
  const rowItems: RowItemFact[] = [];
  for (const item of namedChildrenOf(row)) {
    const feature = fieldName(context, unwrapParentheses(item), scope);
    if (feature === null) return null;
    rowItems.push({
      feature,
      text: item.text,
      range: rangeOf(item),
      unscaledText: unscaled(context, item, scope),
    });
  }
  if (rowItems.length === 0) return null;
  return {
    columns: { kind: 'list', items: rowItems.map((i) => ({ kind: 'string', value: i.feature })) },
    expressionRange: rangeOf(row),
    text: row.text,
    how: 'array-literal',
    items: rowItems,
  };
}

/** `(x - a) / b` or `(x - a) * b` with constant `a` and `b`: the text of `x`. */
function unscaled(context: FileContext, input: Node, scope: string | null): string | null {
  const node = unwrapParentheses(input);
  const op = node.childForFieldName('operator')?.text;
  if (node.type !== 'binary_operator' || (op !== '/' && op !== '*')) return null;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const shift = left ? unwrapParentheses(left) : null;
  if (!right || shift?.type !== 'binary_operator' || shift.childForFieldName('operator')?.text !== '-')
    return null;
  const value = shift.childForFieldName('left');
  const offset = shift.childForFieldName('right');
  const constant = (n: Node | null) =>
    n !== null && ['number', 'ref', 'binary'].includes(context.evaluate(n, scope).kind);
  return value && constant(offset) && constant(right) ? value.text : null;
}

/** The feature an expression is computed from: `req.age`, `payload["age"]`, or a local bound to one. */
function fieldName(context: FileContext, input: Node, scope: string | null, depth = 0): string | null {
  const node = unwrapParentheses(input);
  if (depth > 8) return null;
  switch (node.type) {
    case 'attribute':
      return node.childForFieldName('object')?.type === 'identifier'
        ? (node.childForFieldName('attribute')?.text ?? null)
        : null;
    case 'subscript': {
      const key = node.childForFieldName('subscript');
      const value = key ? context.evaluate(key, scope) : null;
      if (value?.kind === 'string') return value.value;
      return key && key.type !== 'integer' ? fieldName(context, key, scope, depth + 1) : null;
    }
    case 'conditional_expression': {
      const [whenTrue, , whenFalse] = namedChildrenOf(node);
      return (
        (whenTrue && fieldName(context, whenTrue, scope, depth + 1)) ??
        (whenFalse ? fieldName(context, whenFalse, scope, depth + 1) : null)
      );
    }
    case 'identifier': {
      const binding = context.lookup(node.text, scope, node.startIndex);
      if (!binding || binding.element !== null) return node.text;
      return fieldName(context, binding.value, binding.scope, depth + 1);
    }
    case 'binary_operator':
    case 'boolean_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      return (
        (left && fieldName(context, left, scope, depth + 1)) ??
        (right && node.type === 'binary_operator' ? fieldName(context, right, scope, depth + 1) : null)
      );
    }
    case 'call': {
      const callee = node.childForFieldName('function');
      if (callee?.type === 'attribute') {
        const method = callee.childForFieldName('attribute')?.text;
        if (method === 'get') {
          const key = argumentNode(node, 0);
          const value = key ? context.evaluate(key, scope) : null;
          return value?.kind === 'string' ? value.value : null;
        }
        const receiver = callee.childForFieldName('object');
        if (receiver && receiver.type !== 'identifier') return fieldName(context, receiver, scope, depth + 1);
      }
      const first = argumentNode(node, 0);
      return first ? fieldName(context, first, scope, depth + 1) : null;
    }
    default:
      return null;
  }
}
