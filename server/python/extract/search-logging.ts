import type { Node } from 'web-tree-sitter';
import type {
  SearchFact,
  SearchKind,
  SearchLoggingFacts,
  StepMetricLogFact,
} from '../facts/search-logging.ts';
import { endOf, rangeOf, startOf } from '../syntax/node-range.ts';
import { argumentNode, type FileContext } from './file-context.ts';

/** Iterables of a hyper-parameter search: `ParameterGrid(...)`, `product(...)`, `for params in grid`. */
const GRID_CALLS = /(^|\.)(ParameterGrid|ParameterSampler|product)$/;
const GRID_NAMES = /(grid|param|candidate|config|trial|search|space|combo|sweep|hyper)/i;
/** Loops that step through training: epochs, batches, iterations. */
const STEP_LOOP = /(^range\(|epoch|step|batch|loader|iter)/i;
const TUNER_CALLS = /(\.optimize|(^|\.)fmin|(^|\.)run)$/;

/**
 * Hyper-parameter searches (loops over candidates or runs, tuner objectives, and the functions a
 * search loop calls) and the MLflow metric calls repeated by a training loop inside one.
 */
export function extractSearchLogging(context: FileContext): SearchLoggingFacts {
  // Only MLflow calls are judged against searches: without any, there is nothing to find.
  if (!context.buckets.calls.some(({ node }) => context.callee(node).startsWith('mlflow.')))
    return EMPTY_SEARCH_LOGGING;
  const searches = new Map<number, SearchFact>();
  const calledFromSearch = new Map<string, SearchFact>();
  const objectiveNames = tunerObjectives(context);
  for (const { node, scope } of context.buckets.forStatements) {
    const kind = loopSearchKind(context, node);
    if (!kind) continue;
    const header = node.text.slice(
      0,
      Math.max(0, (node.childForFieldName('body')?.startIndex ?? node.endIndex) - node.startIndex),
    );
    const search: SearchFact = {
      kind,
      text: header.replace(/\s*:\s*$/, '').slice(0, 120),
      range: rangeOf(node),
      scope,
    };
    searches.set(node.id, search);
    for (const name of calledNames(context, node))
      if (!calledFromSearch.has(name)) calledFromSearch.set(name, search);
  }
  for (const { node, scope } of context.buckets.functions) {
    const name = node.childForFieldName('name')?.text ?? '';
    const parameters = node.childForFieldName('parameters')?.text ?? '';
    if (!/objective/i.test(name) && !/\btrial\b/.test(parameters) && !objectiveNames.has(name)) continue;
    const text = `def ${name}${parameters}`.slice(0, 120);
    searches.set(node.id, { kind: 'objective', text, range: rangeOf(node), scope });
  }
  const stepMetricLogs: StepMetricLogFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    const callee = context.callee(node);
    if (callee !== 'mlflow.log_metric' && callee !== 'mlflow.log_metrics') continue;
    const found = enclosingSearch(node, searches, calledFromSearch);
    if (!found?.loop) continue;
    const call = context.call(node, scope);
    const stepped = argumentNode(node, callee === 'mlflow.log_metric' ? 2 : 1, 'step') !== null;
    if ((!stepped && !isStepLoop(found.loop)) || isFoldLoop(found.loop)) continue;
    const statement = statementOf(node);
    if (!statement) continue;
    const body = statement.parent;
    const siblings = body ? body.namedChildren.filter((c) => c && c.type !== 'comment') : [];
    const before = statement.previousSibling;
    stepMetricLogs.push({
      call,
      statementLines: { start: before ? endOf(before) : startOf(statement), end: endOf(statement) },
      block: { start: body ? startOf(body) : startOf(statement), statements: siblings.length },
      loop: {
        range: rangeOf(found.loop),
        indent: ' '.repeat(found.loop.startPosition.column),
        after: endOf(found.loop),
      },
      search: found.search,
      scope,
    });
  }
  return { searches: [...searches.values()], stepMetricLogs };
}

function loopSearchKind(context: FileContext, loop: Node): SearchKind | null {
  const iterable = loop.childForFieldName('right');
  if (iterable) {
    const callee = iterable.type === 'call' ? context.callee(iterable) : '';
    if (GRID_CALLS.test(callee)) return 'grid-loop';
    const target = loop.childForFieldName('left')?.text ?? '';
    const named = iterable.type === 'identifier' || iterable.type === 'attribute';
    if ((named && GRID_NAMES.test(iterable.text)) || GRID_NAMES.test(target)) return 'grid-loop';
  }
  const body = loop.childForFieldName('body');
  if (body && startsRun(context, body)) return 'run-loop';
  return null;
}

function startsRun(context: FileContext, body: Node): boolean {
  for (const node of callsWithin(context, body)) if (context.callee(node) === 'mlflow.start_run') return true;
  return false;
}

/** Names of plain functions called in a search loop's body: they run once per candidate. */
function calledNames(context: FileContext, loop: Node): string[] {
  const names: string[] = [];
  for (const node of callsWithin(context, loop)) {
    const fn = node.childForFieldName('function');
    if (fn?.type === 'identifier') names.push(fn.text);
  }
  return names;
}

/** The calls inside a node; the call bucket is in source order, so a binary search finds the first. */
function* callsWithin(context: FileContext, outer: Node): Generator<Node> {
  const calls = context.buckets.calls;
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((calls[middle]?.node.startIndex ?? 0) < outer.startIndex) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < calls.length; i++) {
    const node = calls[i]?.node;
    if (!node || node.startIndex >= outer.endIndex) return;
    yield node;
  }
}

/** Functions handed to a tuner: `study.optimize(objective)`, `fmin(fn=objective)`, `tune.run(train_fn)`. */
function tunerObjectives(context: FileContext): Set<string> {
  const names = new Set<string>();
  for (const { node } of context.buckets.calls) {
    const callee = context.callee(node);
    if (!TUNER_CALLS.test(callee) || callee === 'mlflow.start_run') continue;
    const fn = argumentNode(node, 0, callee.endsWith('fmin') ? 'fn' : 'func');
    if (fn?.type === 'identifier') names.add(fn.text);
  }
  return names;
}

/** The innermost search around a call, and the outermost loop between the two. */
function enclosingSearch(
  node: Node,
  searches: ReadonlyMap<number, SearchFact>,
  calledFromSearch: ReadonlyMap<string, SearchFact>,
): { search: SearchFact; loop: Node | null } | null {
  let loop: Node | null = null;
  for (let current = node.parent; current; current = current.parent) {
    const search = searches.get(current.id);
    if (search) return { search, loop };
    if (current.type === 'function_definition') {
      const called = calledFromSearch.get(current.childForFieldName('name')?.text ?? '');
      return called ? { search: called, loop } : null;
    }
    // The outermost loop inside the search: a summary after it runs once per candidate.
    if (current.type === 'for_statement' || current.type === 'while_statement') loop = current;
  }
  return null;
}

function isStepLoop(loop: Node): boolean {
  if (loop.type === 'while_statement') return true;
  const iterable = loop.childForFieldName('right')?.text ?? '';
  return STEP_LOOP.test(iterable) && !/\.items\(\)$/.test(iterable);
}

/** Cross-validation folds: a handful of scores per candidate, not a training curve. */
function isFoldLoop(loop: Node): boolean {
  if (loop.type !== 'for_statement') return false;
  const header = `${loop.childForFieldName('left')?.text ?? ''} ${loop.childForFieldName('right')?.text ?? ''}`;
  return /fold|split|\bcv\b/i.test(header.slice(0, 300));
}

/** The statement (a direct child of a block) holding the call. */
function statementOf(node: Node): Node | null {
  let current: Node = node;
  for (let i = 0; i < 64; i++) {
    const parent = current.parent;
    if (!parent) return null;
    if (parent.type === 'block') return current;
    if (parent.type === 'module') return null;
    current = parent;
  }
  return null;
}

export const EMPTY_SEARCH_LOGGING: SearchLoggingFacts = { searches: [], stepMetricLogs: [] };
