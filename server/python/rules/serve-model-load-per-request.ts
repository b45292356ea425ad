import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, Report } from '../../engine/types.ts';
import type { ArtifactFact, FunctionFact, PythonFileFacts } from '../facts/file-facts.ts';
import type { HandlerFact } from '../facts/serving.ts';
import { hasCachingDecorator, helpersOf } from './handler-helpers.ts';
import { isInside } from '../extract/training-markers.ts';
import type { PythonFileRule, PythonRuleContext } from './python-rule.ts';

function isCached(functions: readonly FunctionFact[], scope: string | null): boolean {
  return functions.some((f) => f.qualifiedName === scope && hasCachingDecorator(f.decorators));
}

/** Moves `x = joblib.load(...)` from a module-level handler to module scope, above the handler. */
function moveToModuleFix(
  facts: PythonFileFacts,
  load: ArtifactFact,
  handler: HandlerFact,
  context: PythonRuleContext,
): Fix[] {
  const text = context.text(facts.uri);
  if (!text || handler.className || !load.target || !/^[A-Za-z_]\w*$/.test(load.target)) return [];
  if (load.statementRange.start.character !== handler.bodyInsertPosition.character) return [];
  const known = load.path && ['string', 'path', 'path-join', 'concat', 'ref'].includes(load.path.kind);
  if (!known) return [];
  const lines = new LineIndex(text);
  const statement = text.slice(
    lines.offset(load.statementRange.start),
    lines.offset(load.statementRange.end),
  );
  if (
    statement.includes('\n') ||
    handler.parameters.some((p) => new RegExp(`\\b${p.name}\\b`).test(statement))
  )
    return [];
  const lineStart = { line: load.statementRange.start.line, character: 0 };
  const nextLine = { line: load.statementRange.end.line + 1, character: 0 };
  const above = { line: handler.range.start.line, character: 0 };
  return [
    {
      title: `Load ${load.target} once at module scope`,
      changes: [
        {
          uri: facts.uri,
          edits: [
            {
              range: { start: above, end: above },
              newText: `${statement}${lines.eol}${lines.eol}${lines.eol}`,
            },
            { range: { start: lineStart, end: nextLine }, newText: '' },
          ],
        },
      ],
      safe: true,
    },
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
          fixes: moveToModuleFix(facts, load, handler, context),
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
