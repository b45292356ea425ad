/**
 * Entry points of the Python analysis: text or notebook in, `PythonFileFacts` out. Pure apart
 * from the parser's one-time WebAssembly load (`initPythonParser`).
 */
import type { Note, Range } from '../engine/types.ts';
import type { PythonFileFacts } from './facts/file-facts.ts';
import { extractFileFacts } from './extract/extract-facts.ts';
import { buildVirtualModule, readNotebookCells, type NotebookCell } from './notebook/notebook-source.ts';
import type { PythonDocument } from './parser/python-document.ts';
import type { ParseOutcome, PythonParser } from './parser/python-parser.ts';

export interface AnalyseOptions {
  /** Milliseconds after which extraction stops with a note (default 5000). */
  readonly budgetMs?: number;
}

/** Parses and analyses one Python text. The tree is freed before returning. */
export function analysePythonText(
  parser: PythonParser,
  uri: string,
  text: string,
  options: AnalyseOptions = {},
): PythonFileFacts {
  const outcome = parser.parse(text);
  try {
    return extractFileFacts({
      uri,
      text,
      tree: outcome.tree,
      notes: parseNotes(uri, text, outcome),
      ...options,
    });
  } finally {
    outcome.tree?.delete();
  }
}

/** Analyses a file as read from disk: a notebook's `.ipynb` JSON, or Python text. */
export function analyseWorkspaceFile(parser: PythonParser, uri: string, text: string): PythonFileFacts {
  return uri.endsWith('.ipynb')
    ? analyseNotebookJson(parser, uri, text)
    : analysePythonText(parser, uri, text);
}

/** Analyses an open document whose tree is kept up to date incrementally. */
export function analysePythonDocument(
  uri: string,
  document: PythonDocument,
  options: AnalyseOptions = {},
): PythonFileFacts {
  return extractFileFacts({
    ...options,
    uri,
    text: document.text,
    tree: document.tree,
    notes: parseNotes(uri, document.text, document.parse),
  });
}

/** Analyses `.ipynb` JSON: its code cells as one module, with a map back to the cells. */
export function analyseNotebookJson(parser: PythonParser, uri: string, json: string): PythonFileFacts {
  const { cells, notes } = readNotebookCells(uri, json);
  const facts = analyseNotebookCells(parser, uri, cells);
  return notes.length === 0 ? facts : { ...facts, notes: [...notes, ...facts.notes] };
}

/** Analyses notebook cells as synced by LSP 3.17 notebook documents (or read from a file). */
export function analyseNotebookCells(
  parser: PythonParser,
  uri: string,
  cells: readonly NotebookCell[],
): PythonFileFacts {
  const module = buildVirtualModule(uri, cells);
  const outcome = parser.parse(module.text);
  try {
    return extractFileFacts({
      uri,
      text: module.text,
      tree: outcome.tree,
      notes: parseNotes(uri, module.text, outcome),
      notebook: module.map,
    });
  } finally {
    outcome.tree?.delete();
  }
}

function parseNotes(uri: string, text: string, outcome: ParseOutcome): Note[] {
  const notes: Note[] = [];
  const start = { line: 0, character: 0 };
  const whole: Range = { start, end: start };
  if (outcome.truncated) {
    notes.push({
      uri,
      range: whole,
      severity: 'information',
      code: 'limit',
      message: `File too large: analysed the first ${outcome.parsedChars} of ${text.length} characters`,
    });
  }
  if (outcome.timedOut)
    notes.push({
      uri,
      range: whole,
      severity: 'information',
      code: 'limit',
      message: 'Parsing took too long and was stopped; no facts for this file',
    });
  return notes;
}
