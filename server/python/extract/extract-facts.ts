import type { Tree } from 'web-tree-sitter';
import type { Note, Position } from '../../engine/types.ts';
import type { FileRole, FunctionFact, PythonFileFacts } from '../facts/file-facts.ts';
import type { CellMap } from '../notebook/cell-map.ts';
import { EMPTY_AB, extractAbTesting } from './ab-testing.ts';
import { extractArtifacts } from './artifacts.ts';
import { extractClasses, extractConstants, extractFunctions } from './definitions.ts';
import { extractDataFrames } from './dataframes.ts';
import { extractFeatureLists } from './feature-lists.ts';
import { extractFeatureTransforms } from './feature-transforms.ts';
import { FileContext } from './file-context.ts';
import { extractServing, type ServingFacts } from './handlers.ts';
import { extractMlflow } from './mlflow-calls.ts';
import { EMPTY_POINT_IN_TIME, extractPointInTime } from './point-in-time.ts';
import { extractReproducibility, type ReproducibilityFacts } from './reproducibility.ts';
import { EMPTY_SEARCH_LOGGING, extractSearchLogging } from './search-logging.ts';
import { EMPTY_TEST_SPLIT, extractTestSplitUse } from './test-split-use.ts';
import { extractTrainingMarkers } from './training-markers.ts';
import { extractTokenizers, extractTransformers } from './transformers.ts';

export interface ExtractInput {
  readonly uri: string;
  readonly text: string;
  /** Null when parsing was cancelled: the facts are then empty, with a note. */
  readonly tree: Tree | null;
  readonly notes?: readonly Note[];
  readonly notebook?: CellMap | null;
  /** Extraction stops starting new extractors after this many milliseconds (default 5000). */
  readonly budgetMs?: number;
}

/**
 * Extracts every fact from one parsed file. Each extractor runs on its own: if one fails on a
 * strange tree, the others still give their facts and a note says what was skipped.
 */
export function extractFileFacts(input: ExtractInput): PythonFileFacts {
  const notes: Note[] = [...(input.notes ?? [])];
  const lineCount = countLines(input.text);
  const end: Position = endPosition(input.text);
  const facts = emptyFacts(input, lineCount, notes);
  if (!input.tree) return facts;
  const deadline = performance.now() + (input.budgetMs ?? 5_000);
  const skipped: string[] = [];
  const guard = <T>(what: string, fallback: T, run: () => T): T => {
    if (performance.now() > deadline) {
      skipped.push(what);
      return fallback;
    }
    try {
      return run();
    } catch (error) {
      notes.push(fileNote(input.uri, 'skipped', `Could not extract ${what}: ${(error as Error).message}`));
      return fallback;
    }
  };
  const context = readSyntax(input.uri, input.tree, notes);
  if (!context) return facts;
  context.deadline = deadline;
  const functions = guard('functions', [] as FunctionFact[], () =>
    withCalls(context, extractFunctions(context)),
  );
  const serving = guard<ServingFacts>('handlers', { apps: [], handlers: [], startupHooks: [] }, () =>
    extractServing(context, end),
  );
  const handlerScopes = new Set(serving.handlers.map((h) => h.name));
  const markers = guard('training markers', [], () => extractTrainingMarkers(context, handlerScopes));
  const repro = guard<ReproducibilityFacts>(
    'reproducibility',
    { datasets: [], seeds: [], randomness: [] },
    () => extractReproducibility(context),
  );
  // Cheap facts that pairing needs come first; per-feature transforms (the heaviest) last.
  const artifacts = guard('artifacts', [], () => extractArtifacts(context));
  const mlflow = guard('mlflow calls', [], () => extractMlflow(context));
  const searchLogging = guard('search logging', EMPTY_SEARCH_LOGGING, () => extractSearchLogging(context));
  const testSplit = guard('test split uses', EMPTY_TEST_SPLIT, () =>
    extractTestSplitUse(context, input.text),
  );
  const pointInTime = guard('joins', EMPTY_POINT_IN_TIME, () => extractPointInTime(context, handlerScopes));
  const constants = guard('constants', [], () => extractConstants(context));
  const classes = guard('classes', [], () => extractClasses(context));
  const transformers = guard('transformers', [], () => extractTransformers(context));
  const tokenizers = guard('tokenizers', [], () => extractTokenizers(context));
  const featureLists = guard('feature lists', [], () => extractFeatureLists(context));
  const dataFrames = guard('data frames', [], () => extractDataFrames(context));
  const ab = guard('A/B assignments', EMPTY_AB, () => extractAbTesting(context, input.text));
  const featureTransforms = guard('feature transforms', [], () =>
    extractFeatureTransforms(context, functions, handlerScopes),
  );
  const result: PythonFileFacts = {
    ...facts,
    role: classify(
      markers.some((m) => !m.inHandler),
      serving.handlers.length > 0,
    ),
    imports: context.imports,
    importInsertPosition: importInsertPosition(context, input.tree),
    constants,
    functions,
    classes,
    transformers,
    tokenizers,
    featureTransforms,
    artifacts,
    ...repro,
    mlflow,
    searchLogging,
    testSplit,
    pointInTime,
    ...serving,
    trainingMarkers: markers,
    featureLists,
    dataFrames,
    ab,
  };
  if (context.truncatedByTime) skipped.unshift('the rest of the file');
  if (skipped.length > 0) {
    notes.push(fileNote(input.uri, 'limit', `Analysis time budget used up; skipped ${skipped.join(', ')}`));
  }
  if (context.buckets.errorCount > 0) {
    notes.push(
      fileNote(input.uri, 'parse-error', `${context.buckets.errorCount} syntax error(s); facts are partial`),
    );
  }
  return { ...result, notes };
}

function readSyntax(uri: string, tree: Tree, notes: Note[]): FileContext | null {
  try {
    return new FileContext(tree);
  } catch (error) {
    notes.push(fileNote(uri, 'skipped', `Could not read the syntax tree: ${(error as Error).message}`));
    return null;
  }
}

function fileNote(uri: string, code: Note['code'], message: string): Note {
  const start = { line: 0, character: 0 };
  return { uri, range: { start, end: start }, severity: 'information', code, message };
}

function emptyFacts(input: ExtractInput, lineCount: number, notes: Note[]): PythonFileFacts {
  return {
    uri: input.uri,
    kind: input.notebook ? 'notebook' : 'python',
    role: 'neither',
    lineCount,
    imports: [],
    importInsertPosition: { line: 0, character: 0 },
    constants: [],
    functions: [],
    classes: [],
    transformers: [],
    tokenizers: [],
    featureTransforms: [],
    artifacts: [],
    datasets: [],
    seeds: [],
    randomness: [],
    mlflow: [],
    searchLogging: EMPTY_SEARCH_LOGGING,
    testSplit: EMPTY_TEST_SPLIT,
    pointInTime: EMPTY_POINT_IN_TIME,
    apps: [],
    handlers: [],
    startupHooks: [],
    trainingMarkers: [],
    featureLists: [],
    dataFrames: [],
    ab: EMPTY_AB,
    notes,
    notebook: input.notebook ?? null,
  };
}

function classify(training: boolean, serving: boolean): FileRole {
  if (training && serving) return 'both';
  if (training) return 'training';
  if (serving) return 'serving';
  return 'neither';
}

function withCalls(context: FileContext, functions: FunctionFact[]): FunctionFact[] {
  const calls = new Map<string, Set<string>>();
  for (const { node, scope } of context.buckets.calls) {
    if (!scope) continue;
    const callee = node.childForFieldName('function')?.text;
    if (!callee || callee.length > 120) continue;
    let set = calls.get(scope);
    if (!set) calls.set(scope, (set = new Set()));
    set.add(callee);
  }
  return functions.map((fn) => ({ ...fn, calls: [...(calls.get(fn.qualifiedName) ?? [])] }));
}

/** After the last top-level import (or `from __future__`), else after a module docstring. */
function importInsertPosition(context: FileContext, tree: Tree): Position {
  let line = -1;
  for (const fact of context.imports) if (fact.scope === null) line = Math.max(line, fact.range.end.line);
  if (line === -1) {
    const first = tree.rootNode.firstNamedChild;
    const isDocstring = first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string';
    if (first && isDocstring) line = first.endPosition.row;
  }
  return { line: line + 1, character: 0 };
}

function countLines(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function endPosition(text: string): Position {
  const lastBreak = text.lastIndexOf('\n');
  return { line: countLines(text) - 1, character: text.length - lastBreak - 1 };
}
