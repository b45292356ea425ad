import type { Node } from 'web-tree-sitter';
import type { FeatureAccess, FeatureTransformFact, TransformStep } from '../facts/feature-transform.ts';
import type { FunctionFact } from '../facts/file-facts.ts';
import { namedChildrenOf, rangeOf } from '../syntax/node-range.ts';
import { argumentNode, type FileContext } from './file-context.ts';
import { climbSteps } from './transform-steps.ts';

const NOT_FEATURE_RECEIVERS =
  /(^|\.)(environ|argv|headers|cookies|config|cfg|settings|hparams|kwargs|os|sys|self)$/;
const FRAME_RECEIVER = /(^|_)(df|frame|data|dataset|train|test|X|x|batch)(_|$)|df$|frame$/i;
const PLAIN_ANNOTATIONS =
  /^(dict|Dict|list|List|str|int|float|bool|Any|Request|DataFrame|pd\.DataFrame|bytes|Optional\[.*\])$/;

interface Access {
  node: Node;
  feature: string;
  access: FeatureAccess;
  receiver: string;
  scope: string | null;
  extra: TransformStep[];
}

/**
 * Feature reads and the transforms applied to them: `df["x"]`, `payload["x"]`,
 * `payload.get("x", 0)`, `req.x` (a handler or typed parameter), and local names bound to them.
 */
export function extractFeatureTransforms(
  context: FileContext,
  functions: readonly FunctionFact[],
  handlerScopes: ReadonlySet<string>,
): FeatureTransformFact[] {
  const accesses: Access[] = [];
  for (const { node, scope } of context.buckets.subscripts) {
    const found = subscriptAccess(context, node, scope);
    if (found) accesses.push(found);
  }
  for (const { node, scope } of context.buckets.calls) {
    const found = getAccess(context, node, scope) ?? [];
    accesses.push(...found);
  }
  const parameterScopes = typedParameters(functions, handlerScopes);
  for (const { node, scope } of context.buckets.attributes) {
    const found = attributeAccess(node, scope, parameterScopes);
    if (found) accesses.push(found);
  }
  const facts = accesses.map((access) => toFact(context, access));
  facts.push(...aliasFacts(context, facts));
  return facts.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

function subscriptAccess(context: FileContext, node: Node, scope: string | null): Access | null {
  const value = node.childForFieldName('value');
  const keys = node.childrenForFieldName('subscript');
  const key = keys.length === 1 ? keys[0] : null;
  if (!value || !key) return null;
  const receiver = value.text;
  if (NOT_FEATURE_RECEIVERS.test(receiver) || receiver.length > 80) return null;
  if (isAssignmentTarget(node)) return null;
  const evaluated = context.evaluate(key, scope);
  if (evaluated.kind !== 'string' || evaluated.value.length === 0 || evaluated.value.length > 100)
    return null;
  return {
    node,
    feature: evaluated.value,
    access: FRAME_RECEIVER.test(receiver) ? 'column' : 'key',
    receiver,
    scope,
    extra: [],
  };
}

function getAccess(context: FileContext, node: Node, scope: string | null): Access[] | null {
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'attribute') return null;
  const method = callee.childForFieldName('attribute')?.text;
  const object = callee.childForFieldName('object');
  if (!object || NOT_FEATURE_RECEIVERS.test(object.text) || insideDecorator(node)) return null;
  if (method === 'get') {
    const key = argumentNode(node, 0);
    const value = key ? context.evaluate(key, scope) : null;
    if (value?.kind !== 'string') return null;
    const fallback = argumentNode(node, 1, 'default');
    const extra: TransformStep[] = fallback
      ? [{ kind: 'fillna', value: context.evaluate(fallback, scope), strategy: null, range: rangeOf(node) }]
      : [];
    return [{ node, feature: value.value, access: 'get', receiver: object.text, scope, extra }];
  }
  if (method === 'fillna') {
    const mapping = argumentNode(node, 0, 'value');
    const value = mapping ? context.evaluate(mapping, scope) : null;
    if (value?.kind !== 'dict') return null;
    return value.entries.flatMap((entry) =>
      entry.key.kind === 'string'
        ? [
            {
              node,
              feature: entry.key.value,
              access: 'column' as const,
              receiver: object.text,
              scope,
              extra: [{ kind: 'fillna' as const, value: entry.value, strategy: null, range: rangeOf(node) }],
            },
          ]
        : [],
    );
  }
  return null;
}

function attributeAccess(
  node: Node,
  scope: string | null,
  parameters: ReadonlyMap<string, ReadonlySet<string>>,
): Access | null {
  const object = node.childForFieldName('object');
  const name = node.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier' || !name || scope === null) return null;
  if (!parameters.get(scope)?.has(object.text)) return null;
  const parent = node.parent;
  if (parent?.type === 'call' && parent.childForFieldName('function')?.id === node.id) return null;
  if (isAssignmentTarget(node)) return null;
  return { node, feature: name, access: 'attribute', receiver: object.text, scope, extra: [] };
}

/** Parameters whose attributes are request fields: typed with a model class, or of a handler. */
function typedParameters(
  functions: readonly FunctionFact[],
  handlerScopes: ReadonlySet<string>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const fn of functions) {
    const names = new Set<string>();
    for (const parameter of fn.parameters) {
      if (
        parameter.name === 'self' ||
        parameter.name === 'cls' ||
        parameter.name === 'request' ||
        parameter.name === 'context'
      )
        continue;
      const annotation = parameter.annotation;
      const modelTyped =
        annotation !== null && /^[A-Z]/.test(annotation) && !PLAIN_ANNOTATIONS.test(annotation);
      if (modelTyped || (handlerScopes.has(fn.qualifiedName) && annotation === null))
        names.add(parameter.name);
    }
    if (names.size > 0) out.set(fn.qualifiedName, names);
  }
  return out;
}

function toFact(context: FileContext, access: Access): FeatureTransformFact {
  const chain = climbSteps(context, access.node, access.scope);
  const statement = statementOf(chain.top);
  return {
    feature: access.feature,
    access: access.access,
    receiver: access.receiver,
    steps: [...access.extra, ...chain.steps],
    range: rangeOf(chain.top),
    accessRange: rangeOf(access.node),
    statementRange: rangeOf(statement),
    assignedTo: assignmentTarget(statement, chain.top),
    scope: access.scope,
  };
}

/** `income = payload["income"]` makes later reads of `income` in that scope reads of the feature. */
function aliasFacts(context: FileContext, facts: readonly FeatureTransformFact[]): FeatureTransformFact[] {
  const out: FeatureTransformFact[] = [];
  for (const fact of facts) {
    if (!fact.assignedTo || !/^[A-Za-z_]\w*$/.test(fact.assignedTo)) continue;
    const binding = context.lookup(fact.assignedTo, fact.scope, Number.MAX_SAFE_INTEGER);
    if (!binding) continue;
    const scopeNode = scopeNodeOf(binding.statement);
    for (const identifier of scopeNode.descendantsOfType('identifier')) {
      if (
        !identifier ||
        identifier.text !== fact.assignedTo ||
        identifier.startIndex <= binding.statement.endIndex
      )
        continue;
      if (
        isAssignmentTarget(identifier) ||
        (identifier.parent?.type === 'keyword_argument' &&
          identifier.parent.childForFieldName('name')?.id === identifier.id)
      )
        continue;
      const chain = climbSteps(context, identifier, fact.scope);
      if (chain.steps.length === 0) continue;
      const statement = statementOf(chain.top);
      out.push({
        feature: fact.feature,
        access: 'variable',
        receiver: fact.assignedTo,
        steps: chain.steps,
        range: rangeOf(chain.top),
        accessRange: rangeOf(identifier),
        statementRange: rangeOf(statement),
        assignedTo: assignmentTarget(statement, chain.top),
        scope: fact.scope,
      });
      if (out.length > 5_000) return out;
    }
  }
  return out;
}

function scopeNodeOf(node: Node): Node {
  let current: Node | null = node.parent;
  while (current && current.type !== 'function_definition' && current.type !== 'module')
    current = current.parent;
  return current ?? node;
}

function statementOf(node: Node): Node {
  let current: Node = node;
  for (let i = 0; i < 64; i++) {
    const parent = current.parent;
    if (!parent || parent.type === 'block' || parent.type === 'module') return current;
    current = parent;
  }
  return current;
}

function assignmentTarget(statement: Node, expression: Node): string | null {
  const assignment = statement.type === 'expression_statement' ? namedChildrenOf(statement)[0] : statement;
  if (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment') return null;
  const right = assignment.childForFieldName('right');
  if (!right || right.startIndex > expression.startIndex || right.endIndex < expression.endIndex) return null;
  const left = assignment.childForFieldName('left');
  return left ? left.text : null;
}

function isAssignmentTarget(node: Node): boolean {
  let current = node;
  for (let i = 0; i < 4; i++) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === 'assignment' || parent.type === 'augmented_assignment')
      return parent.childForFieldName('left')?.id === current.id;
    if (parent.type !== 'pattern_list' && parent.type !== 'tuple_pattern') return false;
    current = parent;
  }
  return false;
}

function insideDecorator(node: Node): boolean {
  for (let current = node.parent, i = 0; current && i < 6; current = current.parent, i++) {
    if (current.type === 'decorator') return true;
  }
  return false;
}
