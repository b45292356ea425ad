import type { Node } from 'web-tree-sitter';
import type { TransformStep } from '../facts/feature-transform.ts';
import type { StaticValue } from '../facts/static-value.ts';
import { namedChildrenOf, rangeOf } from '../syntax/node-range.ts';
import { argumentNode, lastSegment, type FileContext } from './file-context.ts';
import { parentOf } from '../syntax/node-parent.ts';

const STRING_OPS = new Set([
  'lower',
  'upper',
  'strip',
  'lstrip',
  'rstrip',
  'title',
  'casefold',
  'capitalize',
  'replace',
  'normalize',
]);
const LOG_FUNCTIONS = new Set(['log', 'log1p', 'log2', 'log10']);
const MATH_FUNCTIONS = new Set([
  'sqrt',
  'exp',
  'expm1',
  'abs',
  'round',
  'floor',
  'ceil',
  'square',
  'tanh',
  'sign',
]);
const CASTS = new Set(['float', 'int', 'str', 'bool']);
const AGGREGATIONS = new Set(['mean', 'median', 'mode', 'min', 'max', 'std', 'sum']);

export interface StepChain {
  readonly steps: TransformStep[];
  /** The outermost expression reached. */
  readonly top: Node;
}

/**
 * Climbs from a feature access through the operations applied to it, innermost first:
 * `np.log1p(df["x"].fillna(0).clip(0, 1e6))` gives fillna, clip, log.
 */
export function climbSteps(context: FileContext, access: Node, scope: string | null): StepChain {
  const steps: TransformStep[] = [];
  let current = access;
  for (let i = 0; i < 24; i++) {
    const parent = parentOf(current);
    if (!parent) break;
    if (
      parent.type === 'parenthesized_expression' ||
      (parent.type === 'list' && parent.namedChildCount === 1)
    ) {
      current = parent;
      continue;
    }
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === current.id) {
      const name = parent.childForFieldName('attribute')?.text ?? '';
      if (name === 'str' || name === 'dt') {
        current = parent;
        continue;
      }
      const call = parentOf(parent);
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== parent.id) break;
      const step = methodStep(context, name, call, scope);
      if (!step) break;
      if (step !== 'skip') steps.push(step);
      current = call;
      continue;
    }
    const argumentsOf = parent.type === 'argument_list' ? parentOf(parent) : null;
    if (argumentsOf?.type === 'call') {
      if (namedChildrenOf(parent)[0]?.id !== current.id) break;
      const step = functionStep(context, argumentsOf, scope);
      if (!step) break;
      steps.push(step);
      current = argumentsOf;
      continue;
    }
    if (parent.type === 'binary_operator') {
      const step = arithmeticStep(context, parent, current, scope);
      if (!step) break;
      steps.push(step);
      current = parent;
      continue;
    }
    if (parent.type === 'subscript' && parent.childForFieldName('subscript')?.id === current.id) {
      const table = parent.childForFieldName('value');
      const mapping = table ? context.evaluate(table, scope) : null;
      if (mapping?.kind !== 'dict') break;
      steps.push({ kind: 'map', mapping, range: rangeOf(parent) });
      current = parent;
      continue;
    }
    if (parent.type === 'conditional_expression') {
      const fallback = noneFallback(parent, current);
      if (!fallback) break;
      steps.push({
        kind: 'fillna',
        value: context.evaluate(fallback, scope),
        strategy: null,
        valueRange: rangeOf(fallback),
        range: rangeOf(parent),
      });
      current = parent;
      continue;
    }
    if (
      parent.type === 'boolean_operator' &&
      parent.childForFieldName('operator')?.text === 'or' &&
      parent.childForFieldName('left')?.id === current.id
    ) {
      const right = parent.childForFieldName('right');
      steps.push({
        kind: 'fillna',
        value: right ? context.evaluate(right, scope) : null,
        strategy: null,
        valueRange: right ? rangeOf(right) : null,
        range: rangeOf(parent),
      });
      current = parent;
      continue;
    }
    break;
  }
  return { steps, top: current };
}

/**
 * `x if x is not None else 52000.0` or `52000.0 if x is None else x`: the fallback expression
 * when `current` is the value kept when it is not None.
 */
function noneFallback(conditional: Node, current: Node): Node | null {
  const [whenTrue, condition, whenFalse] = namedChildrenOf(conditional);
  if (!whenTrue || !condition || !whenFalse || condition.type !== 'comparison_operator') return null;
  const text = condition.text.replace(/\s+/g, ' ');
  const subject = current.text;
  if (whenTrue.id === current.id && text === `${subject} is not None`) return whenFalse;
  if (whenFalse.id === current.id && text === `${subject} is None`) return whenTrue;
  return null;
}

function methodStep(
  context: FileContext,
  name: string,
  call: Node,
  scope: string | null,
): TransformStep | 'skip' | null {
  const range = rangeOf(call);
  if (name === 'fillna') {
    const valueNode = argumentNode(call, 0, 'value');
    const method = argumentNode(call, 99, 'method');
    return {
      kind: 'fillna',
      value: valueNode ? context.evaluate(valueNode, scope) : null,
      valueRange: valueNode ? rangeOf(valueNode) : null,
      strategy: method
        ? context.evaluate(method, scope).kind === 'string'
          ? method.text.replace(/['"]/g, '')
          : null
        : valueNode
          ? aggregationOf(valueNode)
          : null,
      range,
    };
  }
  if (name === 'ffill' || name === 'bfill')
    return { kind: 'fillna', value: null, strategy: name, valueRange: null, range };
  if (name === 'clip') {
    const lower = argumentNode(call, 0, 'lower');
    const upper = argumentNode(call, 1, 'upper');
    return {
      kind: 'clip',
      lower: lower ? context.evaluate(lower, scope) : null,
      upper: upper ? context.evaluate(upper, scope) : null,
      range,
    };
  }
  if (name === 'astype') {
    const dtype = argumentNode(call, 0, 'dtype');
    return { kind: 'cast', dtype: dtype ? dtypeName(context, dtype, scope) : '?', range };
  }
  if (STRING_OPS.has(name)) return { kind: 'string', op: name, range };
  if (name === 'map' || name === 'replace') {
    const mapping = argumentNode(call, 0, 'arg');
    const value = mapping ? context.evaluate(mapping, scope) : null;
    if (value?.kind === 'dict') return { kind: 'map', mapping: value, range };
    if (name === 'replace') return { kind: 'string', op: 'replace', range };
    return null;
  }
  if (name === 'apply') {
    const fn = argumentNode(call, 0, 'func');
    const qualified = fn ? (context.qualify(fn) ?? '') : '';
    const last = lastSegment(qualified);
    if (LOG_FUNCTIONS.has(last)) return { kind: 'log', fn: last, range };
    if (MATH_FUNCTIONS.has(last)) return { kind: 'math', fn: last, range };
    if (CASTS.has(qualified)) return { kind: 'cast', dtype: qualified, range };
    return null;
  }
  if (name === 'round' || name === 'abs') return { kind: 'math', fn: name, range };
  if (name === 'strftime') {
    const format = argumentNode(call, 0, 'date_format');
    return { kind: 'date', format: format ? context.evaluate(format, scope) : null, range };
  }
  if (name === 'get') return 'skip';
  return null;
}

function functionStep(context: FileContext, call: Node, scope: string | null): TransformStep | null {
  const callee = call.childForFieldName('function');
  const qualified = callee ? (context.qualify(callee) ?? '') : '';
  const last = lastSegment(qualified);
  const range = rangeOf(call);
  const numeric =
    qualified.startsWith('numpy.') || qualified.startsWith('math.') || qualified.startsWith('torch.');
  if (numeric && LOG_FUNCTIONS.has(last)) return { kind: 'log', fn: last, range };
  if (numeric && last === 'clip') {
    const lower = argumentNode(call, 1, 'a_min');
    const upper = argumentNode(call, 2, 'a_max');
    return {
      kind: 'clip',
      lower: lower ? context.evaluate(lower, scope) : null,
      upper: upper ? context.evaluate(upper, scope) : null,
      range,
    };
  }
  if (numeric && MATH_FUNCTIONS.has(last)) return { kind: 'math', fn: last, range };
  if (CASTS.has(qualified)) return { kind: 'cast', dtype: qualified, range };
  if (qualified === 'round' || qualified === 'abs') return { kind: 'math', fn: qualified, range };
  if (
    (qualified === 'max' || qualified === 'min') &&
    namedChildrenOf(call.childForFieldName('arguments') ?? call).length === 2
  ) {
    const bound = argumentNode(call, 1);
    const value = bound ? context.evaluate(bound, scope) : null;
    if (!value || value.kind !== 'number') return null;
    return qualified === 'max'
      ? { kind: 'clip', lower: value, upper: null, range }
      : { kind: 'clip', lower: null, upper: value, range };
  }
  if (qualified === 'pandas.cut' || qualified === 'pandas.qcut') {
    const edges = argumentNode(call, 1, qualified === 'pandas.cut' ? 'bins' : 'q');
    const labels = argumentNode(call, 99, 'labels');
    return {
      kind: 'bin',
      edges: edges ? context.evaluate(edges, scope) : null,
      labels: labels ? context.evaluate(labels, scope) : null,
      range,
    };
  }
  if (qualified === 'numpy.digitize') {
    const edges = argumentNode(call, 1, 'bins');
    return { kind: 'bin', edges: edges ? context.evaluate(edges, scope) : null, labels: null, range };
  }
  if (qualified === 'pandas.to_datetime') {
    const format = argumentNode(call, 99, 'format');
    return { kind: 'date', format: format ? context.evaluate(format, scope) : null, range };
  }
  if (qualified === 'pandas.to_numeric') return { kind: 'cast', dtype: 'numeric', range };
  return null;
}

function arithmeticStep(
  context: FileContext,
  operator: Node,
  feature: Node,
  scope: string | null,
): TransformStep | null {
  const left = operator.childForFieldName('left');
  const right = operator.childForFieldName('right');
  const op = operator.childForFieldName('operator')?.text ?? '';
  if (!left || !right || !['+', '-', '*', '/', '//', '**', '%'].includes(op)) return null;
  const featureSide = left.id === feature.id ? 'left' : 'right';
  const other = featureSide === 'left' ? right : left;
  const operand: StaticValue = context.evaluate(other, scope);
  if (operand.kind === 'unknown' || operand.kind === 'string') return null;
  return { kind: 'arithmetic', op, operand, featureSide, range: rangeOf(operator) };
}

function aggregationOf(node: Node): string | null {
  if (node.type !== 'call') return null;
  const name = node.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '';
  return AGGREGATIONS.has(name) ? name : null;
}

function dtypeName(context: FileContext, node: Node, scope: string | null): string {
  const value = context.evaluate(node, scope);
  if (value.kind === 'string') return value.value;
  const qualified = context.qualify(node);
  return qualified ? qualified.replace(/^numpy\./, '') : node.text;
}
