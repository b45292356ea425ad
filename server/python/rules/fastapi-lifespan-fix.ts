/**
 * The FastAPI fix of serve/model-load-per-request: the load moves into the app's lifespan
 * (added when there is none: an `asynccontextmanager` function passed as `FastAPI(lifespan=…)`),
 * which keeps the model in a module-level dict; the handler reads it from there.
 */
import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, TextEdit } from '../../engine/types.ts';
import type { ArtifactFact, PythonFileFacts } from '../facts/file-facts.ts';
import type { HandlerFact } from '../facts/serving.ts';

/** The module-level dict the lifespan fills, unless the file already uses that name otherwise. */
function modelsDictName(text: string): { name: string; exists: boolean } {
  for (const name of ['MODELS', 'LOADED_MODELS', 'ML_MODELS']) {
    if (new RegExp(`^${name} = \\{\\}`, 'm').test(text)) return { name, exists: true };
    if (!new RegExp(`\\b${name}\\b`).test(text)) return { name, exists: false };
  }
  return { name: 'ML_MODELS', exists: false };
}

function importsAsyncContextManager(facts: PythonFileFacts): boolean {
  return facts.imports.some(
    (i) => i.module === 'contextlib' && i.names.some((n) => n.name === 'asynccontextmanager' && !n.alias),
  );
}

export function fastapiLifespanFix(
  facts: PythonFileFacts,
  text: string,
  load: ArtifactFact,
  handler: HandlerFact,
): Fix[] {
  const target = load.target;
  if (handler.framework !== 'fastapi' || !target) return [];
  const lines = new LineIndex(text);
  const eol = lines.eol;
  const call = text.slice(lines.offset(load.call.range.start), lines.offset(load.call.range.end));
  if (call.includes('\n')) return [];
  const dict = modelsDictName(text);
  const key = JSON.stringify(target);
  const edits: TextEdit[] = [];
  const hook = facts.startupHooks.find((h) => h.framework === 'fastapi' && h.kind === 'lifespan');
  const dictLine = dict.exists ? '' : `${dict.name} = {}${eol}`;
  if (hook) {
    // Load in the existing lifespan, before it yields.
    const indent = ' '.repeat(hook.bodyInsertPosition.character);
    const at = hook.bodyInsertPosition;
    edits.push({ range: { start: at, end: at }, newText: `${dict.name}[${key}] = ${call}${eol}${indent}` });
    if (dictLine) {
      const above = { line: handler.range.start.line, character: 0 };
      edits.push({ range: { start: above, end: above }, newText: `${dictLine}${eol}${eol}` });
    }
  } else {
    const app = facts.apps.find((a) => a.framework === 'fastapi' && a.variable !== null);
    if (!app || app.call.arguments.keywords.some((k) => k.name === 'lifespan')) return [];
    const appLine = app.call.range.start.line;
    if (!lines.lineText(appLine).startsWith(`${app.variable ?? ''} `)) return [];
    if (!importsAsyncContextManager(facts)) {
      const at = facts.importInsertPosition;
      edits.push({
        range: { start: at, end: at },
        newText: `from contextlib import asynccontextmanager${eol}`,
      });
    }
    const head = dictLine ? `${dictLine}${eol}${eol}` : '';
    const lifespan = [
      '@asynccontextmanager',
      'async def lifespan(app):',
      `    ${dict.name}[${key}] = ${call}`,
      '    yield',
      `    ${dict.name}.clear()`,
      '',
      '',
      '',
    ].join(eol);
    const above = { line: appLine, character: 0 };
    edits.push({ range: { start: above, end: above }, newText: head + lifespan });
    const args = app.call.arguments;
    const argument = `${args.needsComma ? ', ' : ''}lifespan=lifespan`;
    edits.push({ range: { start: args.insertPosition, end: args.insertPosition }, newText: argument });
  }
  // The handler reads the model the lifespan loaded.
  edits.push({ range: load.call.range, newText: `${dict.name}[${key}]` });
  // FastAPI takes `lifespan=` from 0.93 on (older versions ignore it silently): adding one is
  // offered, not applied by "fix all"; loading in a lifespan the app already has is safe.
  return [
    {
      title: hook
        ? `Load ${target} once in the FastAPI lifespan`
        : `Load ${target} once in a new FastAPI lifespan (FastAPI 0.93 or newer)`,
      changes: [{ uri: facts.uri, edits }],
      safe: hook !== undefined,
    },
  ];
}
