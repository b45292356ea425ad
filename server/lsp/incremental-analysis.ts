import type { Analyzer, FileResult } from '../engine/analyzer.ts';
import type { Finding, Fix, Note, Range, RelatedLocation } from '../engine/types.ts';
import { splitYamlDocuments } from './yaml-document-chunks.ts';

function shiftRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

function shiftFix(fix: Fix, uri: string, lines: number): Fix {
  return {
    ...fix,
    changes: fix.changes.map((change) =>
      change.uri === uri
        ? {
            ...change,
            edits: change.edits.map((edit) => ({ ...edit, range: shiftRange(edit.range, lines) })),
          }
        : change,
    ),
  };
}

function shiftRelated(related: RelatedLocation, uri: string, lines: number): RelatedLocation {
  return related.uri === uri ? { ...related, range: shiftRange(related.range, lines) } : related;
}

/** Moves a chunk's result to the chunk's place in the whole file. */
function shiftResult(result: FileResult, lines: number): FileResult {
  if (lines === 0) return result;
  const { uri } = result;
  const findings: Finding[] = result.findings.map((finding) => ({
    ...finding,
    range: finding.uri === uri ? shiftRange(finding.range, lines) : finding.range,
    related: finding.related.map((related) => shiftRelated(related, uri, lines)),
    fixes: finding.fixes.map((fix) => shiftFix(fix, uri, lines)),
  }));
  const notes: Note[] = result.notes.map((note) => ({ ...note, range: shiftRange(note.range, lines) }));
  return { uri, findings, notes };
}

/**
 * Analyses open documents incrementally. A multi-document YAML file is analysed one document at
 * a time and each document's result is kept, keyed by its text, so an edit re-runs the rules on
 * the edited document only and reuses the rest. This relies on manifest rules looking at one
 * YAML document at a time, which every rule does today. Other files are analysed whole.
 */
export class IncrementalAnalysis {
  readonly analyzer: Analyzer;
  /** Per file: chunk text to the chunk's result, in chunk-relative lines. */
  private readonly chunkResults = new Map<string, Map<string, FileResult>>();

  constructor(analyzer: Analyzer) {
    this.analyzer = analyzer;
  }

  analyze(uri: string, text: string): FileResult {
    const chunks = splitYamlDocuments(uri, text);
    if (!chunks) {
      this.chunkResults.delete(uri);
      return this.analyzer.analyze({ uri, text });
    }
    const previous = this.chunkResults.get(uri);
    const current = new Map<string, FileResult>();
    const findings: Finding[] = [];
    const notes: Note[] = [];
    for (const chunk of chunks) {
      let result = current.get(chunk.text) ?? previous?.get(chunk.text);
      if (!result) result = this.analyzer.analyze({ uri, text: chunk.text });
      current.set(chunk.text, result);
      const placed = shiftResult(result, chunk.startLine);
      findings.push(...placed.findings);
      notes.push(...placed.notes);
    }
    this.chunkResults.set(uri, current);
    return { uri, findings, notes };
  }

  forget(uri: string): void {
    this.chunkResults.delete(uri);
  }
}
