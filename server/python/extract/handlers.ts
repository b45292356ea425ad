import type { Node } from 'web-tree-sitter';
import type { Position } from '../../engine/types.ts';
import type {
  HandlerFact,
  ServingAppFact,
  ServingFramework,
  StartupHookFact,
  StartupHookKind,
} from '../facts/serving.ts';
import { namedChildrenOf, rangeOf, startOf } from '../syntax/node-range.ts';
import { decoratorsOf, definitionWithDecorators, enclosingClass, parametersOf } from './definitions.ts';
import { keyword, lastSegment, assignedName, type FileContext } from './file-context.ts';

const APP_CLASSES: Readonly<Record<string, ServingFramework>> = {
  'fastapi.FastAPI': 'fastapi',
  'fastapi.APIRouter': 'fastapi',
  'flask.Flask': 'flask',
  'flask.Blueprint': 'flask',
  'starlette.applications.Starlette': 'starlette',
  'bentoml.Service': 'bentoml',
  'gradio.Interface': 'gradio',
  'gradio.ChatInterface': 'gradio',
  'gradio.Blocks': 'gradio',
};
const HTTP_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options']);
const CLASS_HANDLERS: Readonly<
  Record<
    string,
    { framework: ServingFramework; handlers: string[]; startup: Record<string, StartupHookKind> }
  >
> = {
  kserve: {
    framework: 'kserve',
    handlers: ['predict', 'preprocess', 'postprocess', 'explain', '__call__'],
    startup: { load: 'load', __init__: 'constructor' },
  },
  torchserve: {
    framework: 'torchserve',
    handlers: ['handle', 'preprocess', 'inference', 'postprocess'],
    startup: { initialize: 'initialize' },
  },
  triton: { framework: 'triton', handlers: ['execute'], startup: { initialize: 'initialize' } },
  'ray-serve': { framework: 'ray-serve', handlers: ['__call__'], startup: { __init__: 'constructor' } },
  bentoml: { framework: 'bentoml', handlers: [], startup: { __init__: 'constructor' } },
};

export interface ServingFacts {
  readonly apps: ServingAppFact[];
  readonly handlers: HandlerFact[];
  readonly startupHooks: StartupHookFact[];
}

export function extractServing(context: FileContext, textEnd: Position): ServingFacts {
  const apps = findApps(context);
  const appFramework = new Map(apps.filter((a) => a.variable).map((a) => [a.variable ?? '', a.framework]));
  const handlers: HandlerFact[] = [];
  const startupHooks: StartupHookFact[] = [];
  const lifespans = new Set(
    apps.map((a) => keyword(a.call, 'lifespan')?.text).filter((t): t is string => !!t),
  );
  const registered = registeredEndpoints(context);
  for (const { node, scope } of context.buckets.functions) {
    const name = node.childForFieldName('name')?.text ?? '';
    const qualified = scope ? `${scope}.${name}` : name;
    const classNode = enclosingClass(node);
    const classKind = classNode ? classServingKind(context, classNode) : null;
    if (classKind) {
      const spec = CLASS_HANDLERS[classKind];
      const startup = spec?.startup[name];
      if (startup && spec) startupHooks.push(hook(node, spec.framework, startup, qualified));
      if (spec?.handlers.includes(name))
        handlers.push(handler(node, spec.framework, qualified, classNode, null, []));
    }
    if (lifespans.has(name) && !scope) startupHooks.push(hook(node, 'fastapi', 'lifespan', qualified));
    const endpoint = scope ? undefined : registered.get(name);
    if (endpoint) handlers.push(handler(node, endpoint.framework, qualified, null, endpoint.route, []));
    if (
      !classNode &&
      !scope &&
      name === 'handle' &&
      parametersOf(node).length === 2 &&
      importsModule(context, 'ts')
    ) {
      handlers.push(handler(node, 'torchserve', qualified, null, null, []));
    }
    for (const decorator of decoratorsOf(node)) {
      const expression = namedChildrenOf(decorator)[0];
      if (!expression) continue;
      const found = routeOf(context, expression, appFramework);
      if (found?.startup) startupHooks.push(hook(node, found.framework, found.startup, qualified));
      else if (found)
        handlers.push(
          handler(node, found.framework, qualified, classNode, found.route, found.methods, decorator),
        );
    }
  }
  if (importsModule(context, 'streamlit')) {
    const start = { line: 0, character: 0 };
    handlers.push({
      framework: 'streamlit',
      name: '<module>',
      className: null,
      route: null,
      methods: [],
      range: { start, end: textEnd },
      bodyRange: { start, end: textEnd },
      bodyInsertPosition: start,
      parameters: [],
      decoratorRange: null,
    });
  }
  return { apps, handlers: dedupe(handlers), startupHooks };
}

function findApps(context: FileContext): ServingAppFact[] {
  const out: ServingAppFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    const framework = APP_CLASSES[context.callee(node)];
    if (framework) out.push({ framework, variable: assignedName(node), call: context.call(node, scope) });
  }
  return out;
}

const ENDPOINT_REGISTRARS = new Set([
  'Interface',
  'ChatInterface',
  'click',
  'submit',
  'change',
  'Route',
  'WebSocketRoute',
  'add_url_rule',
  'add_api_route',
]);

interface RegisteredEndpoint {
  framework: ServingFramework;
  route: string | null;
}

/**
 * Functions registered by a call rather than a decorator: `gr.Interface(fn=...)`, gradio
 * events, Starlette `Route("/p", endpoint)`, Flask `add_url_rule`, FastAPI `add_api_route`.
 */
function registeredEndpoints(context: FileContext): Map<string, RegisteredEndpoint> {
  const out = new Map<string, RegisteredEndpoint>();
  const gradio = importsModule(context, 'gradio');
  for (const { node, scope } of context.buckets.calls) {
    if (!ENDPOINT_REGISTRARS.has(lastSegment(context.callee(node)))) continue;
    const call = context.call(node, scope);
    const name = lastSegment(call.callee);
    let fn: { text: string } | undefined;
    let framework: ServingFramework | null = null;
    if (
      call.callee === 'gradio.Interface' ||
      call.callee === 'gradio.ChatInterface' ||
      (gradio && ['click', 'submit', 'change'].includes(name))
    ) {
      fn = keyword(call, 'fn') ?? call.arguments.positional[0];
      framework = 'gradio';
    } else if ((name === 'Route' || name === 'WebSocketRoute') && call.callee.startsWith('starlette')) {
      fn = keyword(call, 'endpoint') ?? call.arguments.positional[1];
      framework = 'starlette';
    } else if (name === 'add_url_rule' && importsModule(context, 'flask')) {
      fn = keyword(call, 'view_func') ?? call.arguments.positional[2];
      framework = 'flask';
    } else if (name === 'add_api_route' && importsModule(context, 'fastapi')) {
      fn = keyword(call, 'endpoint') ?? call.arguments.positional[1];
      framework = 'fastapi';
    }
    if (!framework || !fn || !/^[A-Za-z_]\w*$/.test(fn.text)) continue;
    const route = framework === 'gradio' ? null : call.arguments.positional[0]?.value;
    out.set(fn.text, { framework, route: route?.kind === 'string' ? route.value : null });
  }
  return out;
}

interface RouteMatch {
  framework: ServingFramework;
  route: string | null;
  methods: string[];
  startup?: StartupHookKind;
}

function routeOf(
  context: FileContext,
  expression: Node,
  apps: ReadonlyMap<string, ServingFramework>,
): RouteMatch | null {
  const isCall = expression.type === 'call';
  const target = isCall ? expression.childForFieldName('function') : expression;
  if (!target) return null;
  const qualified = context.qualify(target) ?? '';
  if (qualified === 'bentoml.api') return { framework: 'bentoml', route: null, methods: [] };
  if (qualified === 'ray.serve.deployment' || qualified === 'serve.deployment')
    return { framework: 'ray-serve', route: null, methods: [] };
  if (target.type !== 'attribute') return null;
  const object = target.childForFieldName('object')?.text ?? '';
  const method = target.childForFieldName('attribute')?.text ?? '';
  const framework = apps.get(object) ?? guessFramework(context);
  if (!framework) return null;
  const call = isCall ? context.call(expression, null) : null;
  const route = call?.arguments.positional[0]?.value;
  const routeText = route?.kind === 'string' ? route.value : null;
  if (method === 'on_event') {
    const event = call?.arguments.positional[0]?.value;
    return event?.kind === 'string' && event.value === 'startup'
      ? { framework, route: null, methods: [], startup: 'on-event' }
      : null;
  }
  if (method === 'before_first_request' || method === 'before_serving')
    return { framework, route: null, methods: [], startup: 'before-first-request' };
  if (!isCall) return null;
  if (framework === 'bentoml' && method === 'api') return { framework, route: null, methods: [] };
  if (HTTP_METHODS.has(method)) return { framework, route: routeText, methods: [method.toUpperCase()] };
  if (method === 'route' || method === 'api_route' || method === 'websocket') {
    const methods = call ? keyword(call, 'methods')?.value : undefined;
    const list =
      methods && (methods.kind === 'list' || methods.kind === 'tuple')
        ? methods.items.flatMap((m) => (m.kind === 'string' ? [m.value.toUpperCase()] : []))
        : ['GET'];
    return { framework, route: routeText, methods: list };
  }
  return null;
}

function guessFramework(context: FileContext): ServingFramework | null {
  if (importsModule(context, 'fastapi')) return 'fastapi';
  if (importsModule(context, 'flask')) return 'flask';
  if (importsModule(context, 'starlette')) return 'starlette';
  return null;
}

function classServingKind(context: FileContext, classNode: Node): string | null {
  const name = classNode.childForFieldName('name')?.text ?? '';
  if (name === 'TritonPythonModel') return 'triton';
  const superclasses = classNode.childForFieldName('superclasses');
  for (const base of superclasses ? namedChildrenOf(superclasses) : []) {
    const qualified = context.qualify(base) ?? base.text;
    if (qualified.startsWith('kserve.') && lastSegment(qualified) === 'Model') return 'kserve';
    if (lastSegment(qualified) === 'BaseHandler' || lastSegment(qualified) === 'VisionHandler')
      return 'torchserve';
  }
  for (const decorator of decoratorsOf(classNode)) {
    const expression = namedChildrenOf(decorator)[0];
    const target = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
    const qualified = target ? (context.qualify(target) ?? '') : '';
    if (qualified === 'ray.serve.deployment' || qualified === 'serve.deployment') return 'ray-serve';
    if (qualified === 'bentoml.service') return 'bentoml';
  }
  return null;
}

export function importsModule(context: FileContext, module: string): boolean {
  return context.imports.some((i) => i.module === module || i.module.startsWith(`${module}.`));
}

function handler(
  node: Node,
  framework: ServingFramework,
  name: string,
  classNode: Node | null,
  route: string | null,
  methods: string[],
  decorator?: Node,
): HandlerFact {
  const body = node.childForFieldName('body');
  return {
    framework,
    name,
    className: classNode?.childForFieldName('name')?.text ?? null,
    route,
    methods,
    range: rangeOf(definitionWithDecorators(node)),
    bodyRange: rangeOf(body ?? node),
    bodyInsertPosition: bodyInsertPosition(body ?? node),
    parameters: parametersOf(node),
    decoratorRange: decorator ? rangeOf(decorator) : null,
  };
}

function hook(node: Node, framework: ServingFramework, kind: StartupHookKind, name: string): StartupHookFact {
  const body = node.childForFieldName('body');
  return {
    framework,
    kind,
    name,
    range: rangeOf(definitionWithDecorators(node)),
    bodyRange: rangeOf(body ?? node),
    bodyInsertPosition: bodyInsertPosition(body ?? node),
  };
}

/** The start of the first statement after an optional docstring. */
function bodyInsertPosition(body: Node): Position {
  const statements = namedChildrenOf(body);
  const first = statements[0];
  const isDocstring = first?.type === 'expression_statement' && namedChildrenOf(first)[0]?.type === 'string';
  const target = (isDocstring ? statements[1] : first) ?? first;
  return target ? startOf(target) : startOf(body);
}

function dedupe(handlers: HandlerFact[]): HandlerFact[] {
  const seen = new Set<string>();
  return handlers.filter((h) => {
    const key = `${h.name}@${h.range.start.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
