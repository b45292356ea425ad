import type { Node } from 'web-tree-sitter';
import type { FeatureAccess, FeatureTransformFact, TransformStep } from '../facts/feature-transform.ts';
import type { FunctionFact } from '../facts/file-facts.ts';
import { enclosingStatement, namedChildrenOf, rangeOf } from '../syntax/node-range.ts';
import { argumentNode, type FileContext } from './file-context.ts';
import { climbSteps } from './transform-steps.ts';
import { IdentifierOccurrences } from '../syntax/identifier-occurrences.ts';
import { parentOf } from '../syntax/node-parent.ts';

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
    if (context.expired()) break;
    const found = subscriptAccess(context, node, scope);
    if (found) accesses.push(found);
  }
  for (const { node, scope } of context.buckets.calls) {
    if (context.expired()) break;
    const found = getAccess(context, node, scope) ?? [];
    accesses.push(...found);
  }
  const parameterScopes = typedParameters(functions, handlerScopes);
  for (const { node, scope } of context.buckets.attributes) {
    if (context.expired()) break;
    const found = attributeAccess(context, node, scope, parameterScopes);
    if (found) accesses.push(found);
  }
  const built = accesses.map((access) => toFact(context, access));
  // Plain reads (no transform) only matter as alias sources; the facts keep transformed reads.
  const facts = [
    ...built.flatMap((b) => b.fact ?? []),
    ...aliasFacts(context, built),
    ...scalarParameterFacts(context, handlerScopes),
  ];
  return facts.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

function subscriptAccess(context: FileContext, node: Node, scope: string | null): Access | null {
  const value = node.childForFieldName('value');
  const key = singleSubscript(node);
  if (!value || !key) return null;
  const receiver = value.text;
  if (NOT_FEATURE_RECEIVERS.test(receiver) || receiver.length > 80) return null;
  // The key first: most subscripts are not by a string, and climbing to the parents costs more.
  const evaluated = context.evaluate(key, scope);
  if (evaluated.kind !== 'string' || evaluated.value.length === 0 || evaluated.value.length > 100)
    return null;
  if (context.isAssignmentTarget(node)) return null;
  return {
    node,
    feature: evaluated.value,
    access: FRAME_RECEIVER.test(receiver) ? 'column' : 'key',
    receiver,
    scope,
    extra: [],
  };
}

/** The key of `x[key]`; null for `x[a, b]`. */
function singleSubscript(node: Node): Node | null {
  // Two named children are the value and the key (or a comment): no need to list the keys.
  if (node.namedChildCount === 2) return node.childForFieldName('subscript');
  const keys = node.childrenForFieldName('subscript');
  return keys.length === 1 ? (keys[0] ?? null) : null;
}

function getAccess(context: FileContext, node: Node, scope: string | null): Access[] | null {
  const method = context.method(node);
  if (method !== 'get' && method !== 'fillna') return null;
  const object = node.childForFieldName('function')?.childForFieldName('object');
  if (!object || NOT_FEATURE_RECEIVERS.test(object.text) || insideDecorator(node)) return null;
  if (method === 'get') {
    const key = argumentNode(node, 0);
    const value = key ? context.evaluate(key, scope) : null;
    if (value?.kind !== 'string') return null;
    const fallback = argumentNode(node, 1, 'default');
    const extra: TransformStep[] = fallback
      ? [
          {
            kind: 'fillna',
            value: context.evaluate(fallback, scope),
            strategy: null,
            valueRange: rangeOf(fallback),
            range: rangeOf(node),
          },
        ]
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
              extra: [
                {
                  kind: 'fillna' as const,
                  value: entry.value,
                  strategy: null,
                  valueRange: null,
                  range: rangeOf(node),
                },
              ],
            },
          ]
        : [],
    );
  }
  return null;
}

function attributeAccess(
  context: FileContext,
  node: Node,
  scope: string | null,
  parameters: ReadonlyMap<string, ReadonlySet<string>>,
): Access | null {
  // Most attributes are in scopes without such parameters: no need to look at their nodes.
  const names = scope === null ? undefined : parameters.get(scope);
  if (!names) return null;
  const object = node.childForFieldName('object');
  const name = node.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier' || !name || !names.has(object.text)) return null;
  const parent = parentOf(node);
  if (parent?.type === 'call' && parent.childForFieldName('function')?.id === node.id) return null;
  if (context.isAssignmentTarget(node)) return null;
  return { node, feature: name, access: 'attribute', receiver: object.text, scope, extra: [] };
}

const SCALAR_ANNOTATION = /^(?:Optional\[)?(float|int|str|bool)(?:\]|\s*\|\s*None)?$/;

/**
 * A handler's scalar parameters are request fields by name (FastAPI query parameters, e.g.
 * `def output(temperature: float)`): their transformed reads in the handler, up to a rebinding,
 * are transforms of that feature.
 */
function scalarParameterFacts(
  context: FileContext,
  handlerScopes: ReadonlySet<string>,
): FeatureTransformFact[] {
  const out: FeatureTransformFact[] = [];
  for (const { node, scope: outer } of context.buckets.functions) {
    const name = node.childForFieldName('name')?.text ?? '';
    const scope = outer ? `${outer}.${name}` : name;
    const body = node.childForFieldName('body');
    if (!handlerScopes.has(scope) || !body) continue;
    const parameters = namedChildrenOf(node.childForFieldName('parameters') ?? node).filter(
      (p) => p.type === 'typed_parameter' || p.type === 'typed_default_parameter',
    );
    let occurrences: IdentifierOccurrences | null = null;
    for (const parameter of parameters) {
      const feature = (parameter.childForFieldName('name') ?? namedChildrenOf(parameter)[0])?.text;
      const annotation = parameter.childForFieldName('type')?.text ?? '';
      if (!feature || !/^[A-Za-z_]\w*$/.test(feature) || !SCALAR_ANNOTATION.test(annotation)) continue;
      occurrences ??= new IdentifierOccurrences(body);
      const next = context.bindings.nextBinding(feature, scope, body.startIndex);
      const stop = next ? next.statement.endIndex : Number.MAX_SAFE_INTEGER;
      for (const identifier of occurrences.named(feature)) {
        if (context.expired() || out.length >= MAX_ALIAS_FACTS) return out;
        if (identifier.startIndex >= stop) break;
        if (context.isAssignmentTarget(identifier) || isKeywordName(identifier)) continue;
        const chain = climbSteps(context, identifier, scope);
        if (chain.steps.length === 0) continue;
        const statement = enclosingStatement(chain.top);
        out.push({
          feature,
          access: 'variable',
          receiver: feature,
          steps: chain.steps,
          range: rangeOf(chain.top),
          accessRange: rangeOf(identifier),
          statementRange: rangeOf(statement),
          assignedTo: assignmentTarget(statement, chain.top),
          scope,
        });
      }
    }
  }
  return out;
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

/** A feature read: its fact when it is transformed, and what an alias of it needs. */
interface Built {
  readonly fact: FeatureTransformFact | null;
  readonly feature: string;
  readonly scope: string | null;
  readonly assignedTo: string | null;
  readonly statement: Node;
}

function toFact(context: FileContext, access: Access): Built {
  const chain = climbSteps(context, access.node, access.scope);
  const statement = enclosingStatement(chain.top);
  const steps = [...access.extra, ...chain.steps];
  const assignedTo = assignmentTarget(statement, chain.top);
  const { feature, scope } = access;
  if (steps.length === 0) return { fact: null, feature, scope, assignedTo, statement };
  const fact: FeatureTransformFact = {
    feature,
    access: access.access,
    receiver: access.receiver,
    steps,
    range: rangeOf(chain.top),
    accessRange: rangeOf(access.node),
    statementRange: rangeOf(statement),
    assignedTo,
    scope,
  };
  return { fact, feature, scope, assignedTo, statement };
}

const MAX_ALIAS_FACTS = 5_000;

/**
 * `income = payload["income"]` makes later reads of `income` in that scope, up to its next
 * assignment, reads of the feature: `(income - 3.2) / 1.7` is a transform of `income`.
 */
function aliasFacts(context: FileContext, built: readonly Built[]): FeatureTransformFact[] {
  const out: FeatureTransformFact[] = [];
  const identifiers = new Map<number, IdentifierOccurrences>();
  const seen = new Set<string>();
  for (const source of built) {
    const { statement } = source;
    const name = source.assignedTo;
    if (!name || !/^[A-Za-z_]\w*$/.test(name)) continue;
    const key = `${statement.startIndex}:${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const scopeNode = scopeNodeOf(statement);
    let inScope = identifiers.get(scopeNode.id);
    if (!inScope) identifiers.set(scopeNode.id, (inScope = new IdentifierOccurrences(scopeNode)));
    const occurrences = inScope.named(name);
    const next = context.bindings.nextBinding(name, source.scope, statement.startIndex);
    const stop = next ? next.statement.endIndex : Number.MAX_SAFE_INTEGER;
    for (let i = firstAfter(occurrences, statement.endIndex); i < occurrences.length; i++) {
      if (context.expired()) return out;
      const identifier = occurrences[i];
      if (!identifier || identifier.startIndex >= stop) break;
      if (context.isAssignmentTarget(identifier) || isKeywordName(identifier)) continue;
      const chain = climbSteps(context, identifier, source.scope);
      if (chain.steps.length === 0) continue;
      const aliasStatement = enclosingStatement(chain.top);
      out.push({
        feature: source.feature,
        access: 'variable',
        receiver: name,
        steps: chain.steps,
        range: rangeOf(chain.top),
        accessRange: rangeOf(identifier),
        statementRange: rangeOf(aliasStatement),
        assignedTo: assignmentTarget(aliasStatement, chain.top),
        scope: source.scope,
      });
      if (out.length >= MAX_ALIAS_FACTS) return out;
    }
  }
  return out;
}

function firstAfter(nodes: readonly Node[], offset: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((nodes[mid]?.startIndex ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first named child that is not a comment, without listing all the children. */
function firstExpression(statement: Node): Node | undefined {
  const first = statement.firstNamedChild;
  if (first?.type !== 'comment') return first ?? undefined;
  return namedChildrenOf(statement)[0];
}

function isKeywordName(identifier: Node): boolean {
  const parent = parentOf(identifier);
  return parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === identifier.id;
}

function scopeNodeOf(node: Node): Node {
  let current: Node | null = parentOf(node);
  while (current && current.type !== 'function_definition' && current.type !== 'module')
    current = parentOf(current);
  return current ?? node;
}

function assignmentTarget(statement: Node, expression: Node): string | null {
  const assignment = statement.type === 'expression_statement' ? firstExpression(statement) : statement;
  if (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment') return null;
  const right = assignment.childForFieldName('right');
  if (!right || right.startIndex > expression.startIndex || right.endIndex < expression.endIndex) return null;
  const left = assignment.childForFieldName('left');
  return left ? left.text : null;
}

function insideDecorator(node: Node): boolean {
  for (let current = parentOf(node), i = 0; current && i < 6; current = parentOf(current), i++) {
    if (current.type === 'decorator') return true;
  }
  return false;
}
