import type { Node } from 'web-tree-sitter';
import type { ArtifactFact, CallFact, SavedObject, SavedObjectKind } from '../facts/file-facts.ts';
import type { StaticValue } from '../facts/static-value.ts';
import {
  MODEL_CLASS_PATTERN,
  PIPELINE_CLASSES,
  RANDOM_ESTIMATORS,
  TOKENIZER_CLASS_PATTERN,
  TRANSFORMER_FAMILIES,
} from '../catalog/ml-apis.ts';
import { enclosingStatement, namedChildrenOf, rangeOf, unwrapParentheses } from '../syntax/node-range.ts';
import { argumentNode, assignedName, keyword, lastSegment, type FileContext } from './file-context.ts';

interface ArtifactApi {
  direction: 'save' | 'load';
  library: string;
  /** Where the object and the path are: argument index or keyword. */
  object: number | null;
  path: { index: number; keyword: string } | 'receiver-file' | null;
}

const FUNCTION_APIS: Readonly<Record<string, ArtifactApi>> = {
  'joblib.dump': { direction: 'save', library: 'joblib', object: 0, path: { index: 1, keyword: 'filename' } },
  'joblib.load': {
    direction: 'load',
    library: 'joblib',
    object: null,
    path: { index: 0, keyword: 'filename' },
  },
  'pickle.dump': { direction: 'save', library: 'pickle', object: 0, path: { index: 1, keyword: 'file' } },
  'pickle.load': { direction: 'load', library: 'pickle', object: null, path: { index: 0, keyword: 'file' } },
  'cloudpickle.dump': {
    direction: 'save',
    library: 'pickle',
    object: 0,
    path: { index: 1, keyword: 'file' },
  },
  'dill.dump': { direction: 'save', library: 'pickle', object: 0, path: { index: 1, keyword: 'file' } },
  'dill.load': { direction: 'load', library: 'pickle', object: null, path: { index: 0, keyword: 'file' } },
  'torch.save': { direction: 'save', library: 'torch', object: 0, path: { index: 1, keyword: 'f' } },
  'torch.load': { direction: 'load', library: 'torch', object: null, path: { index: 0, keyword: 'f' } },
  'torch.jit.save': { direction: 'save', library: 'torch', object: 0, path: { index: 1, keyword: 'f' } },
  'torch.jit.load': { direction: 'load', library: 'torch', object: null, path: { index: 0, keyword: 'f' } },
  'skops.io.dump': { direction: 'save', library: 'skops', object: 0, path: { index: 1, keyword: 'file' } },
  'skops.io.load': { direction: 'load', library: 'skops', object: null, path: { index: 0, keyword: 'file' } },
  'tensorflow.keras.models.load_model': {
    direction: 'load',
    library: 'keras',
    object: null,
    path: { index: 0, keyword: 'filepath' },
  },
  'keras.models.load_model': {
    direction: 'load',
    library: 'keras',
    object: null,
    path: { index: 0, keyword: 'filepath' },
  },
  'keras.saving.load_model': {
    direction: 'load',
    library: 'keras',
    object: null,
    path: { index: 0, keyword: 'filepath' },
  },
};

/** Saves and loads: joblib, pickle, torch, skops, Hugging Face `save_pretrained`/`from_pretrained`, MLflow. */
export function extractArtifacts(context: FileContext): ArtifactFact[] {
  const out: ArtifactFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    const callee = context.callee(node);
    if (
      !FUNCTION_APIS[callee] &&
      !callee.startsWith('mlflow.') &&
      !callee.startsWith('bentoml.') &&
      !/\.(save_pretrained|from_pretrained|save_model)$/.test(callee)
    )
      continue;
    const call = context.call(node, scope);
    const fact =
      functionApi(context, node, call, scope) ??
      mlflowApi(context, node, call, scope) ??
      bentomlLoad(node, call, scope) ??
      pretrainedApi(context, node, call, scope);
    if (fact) out.push({ ...fact, statementRange: rangeOf(enclosingStatement(node)) });
  }
  return out;
}

type Draft = Omit<ArtifactFact, 'statementRange'>;

function functionApi(context: FileContext, node: Node, call: CallFact, scope: string | null): Draft | null {
  const api = FUNCTION_APIS[call.callee];
  if (!api || api.path === null || api.path === 'receiver-file') return null;
  const pathNode = argumentNode(node, api.path.index, api.path.keyword);
  const path = pathNode ? resolveFilePath(context, pathNode, scope) : null;
  const objectNode = api.object === null ? null : argumentNode(node, api.object, 'value');
  return {
    direction: api.direction,
    library: api.library,
    call,
    path: path?.value ?? null,
    pathRange: path
      ? (call.arguments.positional[api.path.index]?.range ?? keyword(call, api.path.keyword)?.range ?? null)
      : null,
    object: objectNode ? describeObject(context, objectNode, scope) : null,
    target: api.direction === 'load' ? assignedName(node) : null,
    registeredModelName: null,
    scope,
  };
}

/** A path argument, following `with open(path, "wb") as f` when a file object is passed. */
function resolveFilePath(context: FileContext, node: Node, scope: string | null): { value: StaticValue } {
  const inner = unwrapParentheses(node);
  let source: Node = inner;
  if (inner.type === 'identifier') {
    const binding = context.lookup(inner.text, scope, inner.startIndex);
    if (binding?.statement.type === 'with_item' && binding.value.type === 'call') source = binding.value;
  }
  if (
    source.type === 'call' &&
    ['open', 'io.open', 'gzip.open', 'bz2.open'].includes(context.call(source, scope).callee)
  ) {
    const file = argumentNode(source, 0, 'file');
    if (file) return { value: context.evaluate(file, scope) };
  }
  if (source.type === 'call' && lastSegment(context.call(source, scope).callee) === 'open') {
    const receiver = source.childForFieldName('function')?.childForFieldName('object');
    if (receiver) return { value: context.evaluate(receiver, scope) };
  }
  return { value: context.evaluate(inner, scope) };
}

/** `bentoml.sklearn.load_model("risk_clf:latest")`: a load from the BentoML model store, by tag. */
function bentomlLoad(node: Node, call: CallFact, scope: string | null): Draft | null {
  const match = /^bentoml\.([a-z_]+)\.load_model$/.exec(call.callee);
  if (!match) return null;
  const tag = call.arguments.positional[0] ?? keyword(call, 'bento_model');
  return {
    direction: 'load',
    library: `bentoml.${match[1] ?? ''}`,
    call,
    path: tag?.value ?? null,
    pathRange: tag?.range ?? null,
    object: null,
    target: assignedName(node),
    registeredModelName: null,
    scope,
  };
}

function mlflowApi(context: FileContext, node: Node, call: CallFact, scope: string | null): Draft | null {
  const match = /^mlflow\.(?:([a-z_]+)\.)?(log_model|save_model|load_model)$/.exec(call.callee);
  if (!match) return null;
  const method = match[2];
  const flavor = match[1] ?? 'pyfunc';
  if (method === 'load_model') {
    const uri = call.arguments.positional[0]?.value ?? keyword(call, 'model_uri')?.value ?? null;
    return {
      direction: 'load',
      library: `mlflow.${flavor}`,
      call,
      path: uri,
      pathRange: call.arguments.positional[0]?.range ?? null,
      object: null,
      target: assignedName(node),
      registeredModelName: modelNameFromUri(uri),
      scope,
    };
  }
  const objectNode = argumentNode(node, 0, flavor === 'sklearn' ? 'sk_model' : 'model');
  const pathArgument =
    call.arguments.positional[1] ??
    keyword(call, 'artifact_path') ??
    keyword(call, 'name') ??
    keyword(call, 'path');
  return {
    direction: 'save',
    library: `mlflow.${flavor}`,
    call,
    path: pathArgument?.value ?? null,
    pathRange: pathArgument?.range ?? null,
    object: objectNode ? describeObject(context, objectNode, scope) : null,
    target: null,
    registeredModelName: keyword(call, 'registered_model_name')?.value ?? null,
    scope,
  };
}

function pretrainedApi(context: FileContext, node: Node, call: CallFact, scope: string | null): Draft | null {
  const method = lastSegment(call.callee);
  if (method !== 'save_pretrained' && method !== 'from_pretrained' && method !== 'save_model') return null;
  const callee = node.childForFieldName('function');
  const receiver = callee?.childForFieldName('object');
  if (!receiver) return null;
  if (method === 'save_model' && !/trainer/i.test(receiver.text)) return null;
  const pathNode = argumentNode(
    node,
    0,
    method === 'from_pretrained' ? 'pretrained_model_name_or_path' : 'save_directory',
  );
  const path = pathNode ? context.evaluate(pathNode, scope) : null;
  const direction = method === 'from_pretrained' ? 'load' : 'save';
  return {
    direction,
    library: 'transformers',
    call,
    path,
    pathRange: call.arguments.positional[0]?.range ?? null,
    object: direction === 'save' ? describeObject(context, receiver, scope) : null,
    target: direction === 'load' ? assignedName(node) : null,
    registeredModelName: null,
    scope,
  };
}

/** `models:/name/1` or `models:/name@alias` → `name`. */
export function modelNameFromUri(uri: StaticValue | null): StaticValue | null {
  if (uri?.kind !== 'string') return null;
  const match = /^models:\/([^/@]+)/.exec(uri.value);
  return match?.[1] ? { kind: 'string', value: match[1] } : null;
}

/** What kind of object is saved: a Pipeline, a dict of transformers, a bare model... */
export function describeObject(context: FileContext, input: Node, scope: string | null): SavedObject {
  const node = unwrapParentheses(input);
  const variable = node.type === 'identifier' || node.type === 'attribute' ? node.text : null;
  let definition: Node = node;
  if (node.type === 'identifier') {
    const binding = context.lookup(node.text, scope, node.startIndex);
    if (binding && binding.element === null) definition = unwrapParentheses(binding.value);
  }
  if (definition.type === 'dictionary') {
    const entries = namedChildrenOf(definition).flatMap((pair) => {
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (pair.type !== 'pair' || !key || !value) return [];
      const keyValue = context.evaluate(key, scope);
      const inner = describeObject(context, value, scope);
      return [
        {
          key: keyValue.kind === 'string' ? keyValue.value : key.text,
          variable: inner.variable,
          kind: inner.kind,
        },
      ];
    });
    return { text: node.text, variable, kind: 'dict', entries };
  }
  return {
    text: node.text.slice(0, 200),
    variable,
    kind: kindOf(context, definition, variable, scope),
    entries: [],
  };
}

function kindOf(
  context: FileContext,
  definition: Node,
  variable: string | null,
  scope: string | null,
): SavedObjectKind {
  if (definition.type === 'call') {
    const name = lastSegment(context.call(definition, scope).callee);
    if (PIPELINE_CLASSES.has(name)) return 'pipeline';
    if (TRANSFORMER_FAMILIES[name]) return 'transformer';
    if (RANDOM_ESTIMATORS.has(name) || MODEL_CLASS_PATTERN.test(name)) return 'model';
    if (name === 'from_pretrained') {
      const owner = lastSegment(context.call(definition, scope).callee.slice(0, -'.from_pretrained'.length));
      return TOKENIZER_CLASS_PATTERN.test(owner) ? 'tokenizer' : 'model';
    }
  }
  const name = (variable ?? '').toLowerCase();
  if (/pipe/.test(name)) return 'pipeline';
  if (/scaler|encoder|imputer|vectori[sz]er|preprocess|transformer$/.test(name)) return 'transformer';
  if (/tokenizer|processor/.test(name)) return 'tokenizer';
  if (/model|clf|classifier|regressor|estimator|booster|net$/.test(name)) return 'model';
  return 'unknown';
}
