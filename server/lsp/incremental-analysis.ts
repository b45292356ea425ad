import type { Analyzer, FileResult } from '../engine/analyzer.ts';
import type { Finding, Note, Position, Range } from '../engine/types.ts';
import { splitYamlDocuments } from './yaml-document-chunks.ts';

function isPosition(value: unknown): value is Position {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as Record<string, unknown>;
  return typeof line === 'number' && typeof character === 'number';
}

function isRange(value: object): value is Range {
  const { start, end } = value as Record<string, unknown>;
  return isPosition(start) && isPosition(end) && Object.keys(value).length === 2;
}

/**
 * Moves every range of a chunk's result down by `lines`: finding ranges, related locations,
 * fix edits, fix placeholders and whatever range-bearing field the result grows. A subtree
 * that names another file in its `uri` keeps its ranges, since they point into that file.
 */
function shiftRanges<T>(value: T, uri: string, lines: number): T {
  if (Array.isArray(value)) return value.map((item: unknown) => shiftRanges(item, uri, lines)) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (isRange(value)) {
    const { start, end } = value;
    return {
      start: { line: start.line + lines, character: start.character },
      end: { line: end.line + lines, character: end.character },
    } as T;
  }
  const fields = value as Record<string, unknown>;
  if (typeof fields.uri === 'string' && fields.uri !== uri) return value;
  const shifted: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) shifted[key] = shiftRanges(field, uri, lines);
  return shifted as T;
}

/** Moves a chunk's result to the chunk's place in the whole file. */
function shiftResult(result: FileResult, lines: number): FileResult {
  return lines === 0 ? result : shiftRanges(result, result.uri, lines);
}

/** One file's chunk results: by chunk text, and placed at a start line (`line:text`). */
interface ChunkCache {
  readonly relative: Map<string, FileResult>;
  readonly placed: Map<string, FileResult>;
}

/**
 * Analyses open documents incrementally. A multi-document YAML file is analysed one document at
 * a time and each document's result is kept, keyed by its text, so an edit re-runs the rules on
 * the edited document only and reuses the rest; a document that did not move keeps even its
 * placed result. This relies on manifest rules looking at one YAML document at a time, which
 * every rule does today (the unit tests compare with whole-file analysis). Other files are
 * analysed whole.
 */
export class IncrementalAnalysis {
  readonly analyzer: Analyzer;
  private readonly caches = new Map<string, ChunkCache>();

  constructor(analyzer: Analyzer) {
    this.analyzer = analyzer;
  }

  analyze(uri: string, text: string): FileResult {
    const chunks = splitYamlDocuments(uri, text);
    if (!chunks) {
      this.caches.delete(uri);
      return this.analyzer.analyze({ uri, text });
    }
    const previous = this.caches.get(uri);
    const current: ChunkCache = { relative: new Map(), placed: new Map() };
    const findings: Finding[] = [];
    const notes: Note[] = [];
    for (const chunk of chunks) {
      const key = `${chunk.startLine}:${chunk.text}`;
      let placed = current.placed.get(key) ?? previous?.placed.get(key);
      let relative = current.relative.get(chunk.text) ?? previous?.relative.get(chunk.text);
      if (!placed) {
        relative ??= this.analyzer.analyze({ uri, text: chunk.text });
        placed = shiftResult(relative, chunk.startLine);
      }
      if (relative) current.relative.set(chunk.text, relative);
      current.placed.set(key, placed);
      findings.push(...placed.findings);
      notes.push(...placed.notes);
    }
    this.caches.set(uri, current);
    return { uri, findings, notes };
  }

  forget(uri: string): void {
    this.caches.delete(uri);
  }
}
