import type { Node } from 'web-tree-sitter';
import type {
  CallFact,
  FitFact,
  TokenizerFact,
  TransformerFact,
  TransformerFamily,
} from '../facts/file-facts.ts';
import { PIPELINE_CLASSES, TOKENIZER_CLASS_PATTERN, TRANSFORMER_FAMILIES } from '../catalog/ml-apis.ts';
import { traceFeatures } from './feature-selection.ts';
import { argumentNode, assignedName, keyword, lastSegment, type FileContext } from './file-context.ts';

const FIT_METHODS = new Set([
  'fit',
  'fit_transform',
  'partial_fit',
  'fit_on_texts',
  'adapt',
  'train_new_from_iterator',
]);

interface Draft {
  className: string;
  family: TransformerFamily;
  variable: string | null;
  construction: CallFact;
  fits: FitFact[];
  inPipeline: string | null;
  scope: string | null;
  node: Node;
}

/** Transformers constructed in the file, and the fits that reach them (directly or via a pipeline). */
export function extractTransformers(context: FileContext): TransformerFact[] {
  const drafts: Draft[] = [];
  const byNodeId = new Map<number, Draft>();
  for (const { node, scope } of context.buckets.calls) {
    const calleeName = lastSegment(context.callee(node));
    if (calleeName !== 'get_dummies' && TRANSFORMER_FAMILIES[calleeName] === undefined) continue;
    const call = context.call(node, scope);
    const name = lastSegment(call.callee);
    if (name === 'get_dummies') {
      drafts.push(getDummies(context, node, call, scope));
      continue;
    }
    const family = TRANSFORMER_FAMILIES[name];
    if (!family || (name === 'Tokenizer' && !/keras|tensorflow|tokenizers/.test(call.callee))) continue;
    const draft: Draft = {
      className: call.callee,
      family,
      variable: assignedName(node) ?? fittedInPlace(node),
      construction: call,
      fits: [],
      inPipeline: pipelineAround(context, node, scope),
      scope,
      node,
    };
    drafts.push(draft);
    byNodeId.set(node.id, draft);
  }
  for (const { node, scope } of context.buckets.calls) {
    const method = context.method(node);
    if (method === null || !FIT_METHODS.has(method)) continue;
    const receiver = node.childForFieldName('function')?.childForFieldName('object');
    if (!receiver) continue;
    const targets = fitTargets(context, receiver, scope, drafts, byNodeId);
    if (targets.length === 0) continue;
    const data = argumentNode(node, 0, method === 'fit_on_texts' ? 'texts' : 'X');
    const traced = data ? traceFeatures(context, data, scope) : { selection: null, variable: null };
    const fit: FitFact = {
      method,
      call: context.call(node, scope),
      features: traced.selection,
      dataVariable: traced.variable ?? data?.text ?? null,
      assignedTo: assignedName(node),
      scope,
    };
    for (const target of targets) target.fits.push(fit);
  }
  return drafts.map(({ node: _node, ...fact }) => fact);
}

function fitTargets(
  context: FileContext,
  receiver: Node,
  scope: string | null,
  drafts: Draft[],
  byNodeId: Map<number, Draft>,
): Draft[] {
  if (receiver.type === 'call') {
    const direct = byNodeId.get(receiver.id);
    if (direct) return [direct];
    const name = lastSegment(context.call(receiver, scope).callee);
    return PIPELINE_CLASSES.has(name)
      ? drafts.filter((d) => d.node.startIndex >= receiver.startIndex && d.node.endIndex <= receiver.endIndex)
      : [];
  }
  const name = receiver.text;
  const binding =
    receiver.type === 'identifier' || receiver.type === 'attribute'
      ? context.lookup(name, scope, receiver.startIndex)
      : null;
  const bound = binding ? byNodeId.get(binding.value.id) : undefined;
  if (bound) return [bound];
  const direct = drafts.filter((d) => d.variable === name && d.inPipeline === null);
  if (direct.length > 0) return direct.slice(-1);
  return drafts.filter((d) => d.inPipeline === name);
}

/** `scaler = StandardScaler().fit(X)`: `fit` returns the transformer itself. */
function fittedInPlace(construction: Node): string | null {
  const attribute = construction.parent;
  const call = attribute?.parent;
  if (attribute?.type !== 'attribute' || call?.type !== 'call') return null;
  const method = attribute.childForFieldName('attribute')?.text ?? '';
  return method === 'fit' || method === 'partial_fit' || method === 'adapt' ? assignedName(call) : null;
}

/** The variable of the Pipeline / ColumnTransformer call that contains this constructor call. */
function pipelineAround(context: FileContext, node: Node, scope: string | null): string | null {
  let current = node.parent;
  for (let i = 0; i < 12 && current; i++) {
    if (current.type === 'call' && PIPELINE_CLASSES.has(lastSegment(context.call(current, scope).callee))) {
      let outer: Node = current;
      for (
        let up = outer.parent;
        up && up.type !== 'expression_statement' && up.type !== 'block';
        up = up.parent
      ) {
        if (up.type === 'call' && PIPELINE_CLASSES.has(lastSegment(context.call(up, scope).callee)))
          outer = up;
      }
      return assignedName(outer) ?? '<pipeline>';
    }
    current = current.parent;
  }
  return null;
}

function getDummies(context: FileContext, node: Node, call: CallFact, scope: string | null): Draft {
  const columns = keyword(call, 'columns');
  const data = argumentNode(node, 0, 'data');
  const traced = data ? traceFeatures(context, data, scope) : { selection: null, variable: null };
  const features = columns
    ? { columns: columns.value, expressionRange: columns.range, text: columns.text }
    : traced.selection;
  return {
    className: call.callee,
    family: 'dummies',
    variable: assignedName(node),
    construction: call,
    fits: [
      {
        method: 'get_dummies',
        call,
        features,
        dataVariable: traced.variable ?? data?.text ?? null,
        assignedTo: assignedName(node),
        scope,
        alignedColumns: reindexedOntoColumns(context, node, scope),
      },
    ],
    inPipeline: null,
    scope,
    node,
  };
}

/** `.reindex(columns=...)` on the call itself or, later in the same scope, on the variable it is bound to. */
function reindexedOntoColumns(context: FileContext, node: Node, scope: string | null): boolean {
  const withColumns = (call: Node) => /\bcolumns\s*=/.test(call.childForFieldName('arguments')?.text ?? '');
  const attribute = node.parent;
  const chained = attribute?.parent;
  if (
    attribute?.type === 'attribute' &&
    attribute.childForFieldName('attribute')?.text === 'reindex' &&
    chained?.type === 'call'
  )
    return withColumns(chained);
  const variable = assignedName(node);
  if (!variable) return false;
  return context.buckets.calls.some(
    (c) =>
      c.scope === scope &&
      c.node.startIndex > node.endIndex &&
      c.node.childForFieldName('function')?.text === `${variable}.reindex` &&
      withColumns(c.node),
  );
}

/** Tokenizers and processors loaded by name, with the calls that encode text. */
export function extractTokenizers(context: FileContext): TokenizerFact[] {
  const out: { fact: Omit<TokenizerFact, 'calls'>; calls: CallFact[] }[] = [];
  for (const { node, scope } of context.buckets.calls) {
    if (lastSegment(context.callee(node)) !== 'from_pretrained') continue;
    const call = context.call(node, scope);
    const className = call.callee.slice(0, -'.from_pretrained'.length);
    if (!TOKENIZER_CLASS_PATTERN.test(lastSegment(className))) continue;
    const name =
      call.arguments.positional[0]?.value ?? keyword(call, 'pretrained_model_name_or_path')?.value ?? null;
    out.push({ fact: { className, variable: assignedName(node), name, load: call, scope }, calls: [] });
  }
  if (out.length === 0) return [];
  for (const { node, scope } of context.buckets.calls) {
    const callee = node.childForFieldName('function');
    if (!callee) continue;
    const text = callee.text;
    for (const entry of out) {
      const variable = entry.fact.variable;
      if (!variable) continue;
      if (
        text === variable ||
        (/^(encode|encode_plus|batch_encode_plus|__call__)$/.test(text.slice(variable.length + 1)) &&
          text.startsWith(`${variable}.`))
      ) {
        entry.calls.push(context.call(node, scope));
      }
    }
  }
  return out.map(({ fact, calls }) => ({ ...fact, calls }));
}
