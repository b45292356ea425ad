import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, Report } from '../../engine/types.ts';
import type { ArtifactFact, FunctionFact, PythonFileFacts } from '../facts/file-facts.ts';
import type { HandlerFact } from '../facts/serving.ts';
import { fastapiLifespanFix } from './fastapi-lifespan-fix.ts';
import { hasCachingDecorator, helpersOf } from './handler-helpers.ts';
import { isInside } from '../extract/training-markers.ts';
import type { PythonFileRule, PythonRuleContext } from './python-rule.ts';

function isCached(functions: readonly FunctionFact[], scope: string | null): boolean {
  return functions.some((f) => f.qualifiedName === scope && hasCachingDecorator(f.decorators));
}

/**
 * The load statement when it can move out of the handler: one line, in a module-level
 * handler, assigned to a name, from a path known without the request.
 */
function movableStatement(text: string, load: ArtifactFact, handler: HandlerFact): string | undefined {
  if (handler.className || !load.target || !/^[A-Za-z_]\w*$/.test(load.target)) return undefined;
  if (load.statementRange.start.character !== handler.bodyInsertPosition.character) return undefined;
  const known = load.path && ['string', 'path', 'path-join', 'concat', 'ref'].includes(load.path.kind);
  if (!known) return undefined;
  const lines = new LineIndex(text);
  const statement = text.slice(
    lines.offset(load.statementRange.start),
    lines.offset(load.statementRange.end),
  );
  if (
    statement.includes('\n') ||
    handler.parameters.some((p) => new RegExp(`\\b${p.name}\\b`).test(statement))
  )
    return undefined;
  return statement;
}

/** Moves `x = joblib.load(...)` from a module-level handler to module scope, above the handler. */
function moveToModuleFix(
  facts: PythonFileFacts,
  text: string,
  statement: string,
  load: ArtifactFact,
  handler: HandlerFact,
): Fix[] {
  const eol = new LineIndex(text).eol;
  const lineStart = { line: load.statementRange.start.line, character: 0 };
  const nextLine = { line: load.statementRange.end.line + 1, character: 0 };
  const above = { line: handler.range.start.line, character: 0 };
  return [
    {
      title: `Load ${load.target ?? 'the model'} once at module scope`,
      changes: [
        {
          uri: facts.uri,
          edits: [
            {
              range: { start: above, end: above },
              newText: `${statement}${eol}${eol}${eol}`,
            },
            { range: { start: lineStart, end: nextLine }, newText: '' },
          ],
        },
      ],
      safe: true,
    },
  ];
}

/** FastAPI: into the lifespan first; module scope otherwise (or as the other choice). */
function startupFixes(
  facts: PythonFileFacts,
  load: ArtifactFact,
  handler: HandlerFact,
  context: PythonRuleContext,
): Fix[] {
  const text = context.text(facts.uri);
  const statement = text === undefined ? undefined : movableStatement(text, load, handler);
  if (text === undefined || statement === undefined) return [];
  return [
    ...fastapiLifespanFix(facts, text, load, handler),
    ...moveToModuleFix(facts, text, statement, load, handler),
  ];
}

/**
 * Loading a model inside a request handler reads and deserialises it on every request: seconds
 * of latency and a full copy of the model in memory per concurrent request.
 */
export const serveModelLoadPerRequest: PythonFileRule = {
  meta: {
    id: 'serve/model-load-per-request',
    defaultSeverity: 'warning',
    title: 'Model loaded on every request',
  },
  target: 'python-file',
  check(facts, context) {
    const handlers = facts.handlers.filter((h) => h.framework !== 'streamlit');
    const handlerNames = new Set(handlers.map((h) => h.name));
    const helpers = helpersOf(facts, handlers);
    const streamlit = facts.handlers.some((h) => h.framework === 'streamlit');
    const reports: Report[] = [];
    for (const load of facts.artifacts) {
      if (load.direction !== 'load') continue;
      const api = load.call.calleeText;
      const handler = handlers.find((h) => isInside(load.scope, new Set([h.name])));
      if (handler && handlerNames.has(handler.name)) {
        reports.push({
          range: load.call.range,
          message: `${api}() runs on every request to ${handler.name}; load the model once at startup.`,
          fixes: startupFixes(facts, load, handler, context),
        });
        continue;
      }
      const viaHelper = load.scope ? helpers.get(load.scope) : undefined;
      if (viaHelper) {
        reports.push({
          range: load.call.range,
          message: `${api}() runs on every request: ${load.scope}() is called by the handler ${viaHelper.name}; cache it or load at startup.`,
          related: [{ uri: facts.uri, range: viaHelper.range, message: `handler ${viaHelper.name}` }],
        });
        continue;
      }
      if (streamlit && !isCached(facts.functions, load.scope) && load.scope === null) {
        reports.push({
          range: load.call.range,
          message: `${api}() runs on every Streamlit rerun (each interaction); load it in a function decorated with @st.cache_resource.`,
        });
      }
    }
    return reports;
  },
};
