/**
 * Ties the Python analysis together for a host (language server, CLI, tests): files and open
 * documents in, findings per file out. Each change re-extracts only the changed file's facts,
 * re-runs the file rules on it and the pair rules on the pairs it affects, and says which
 * files' findings may have changed. Pure apart from the parser; the host reads files.
 */
import type { Report } from '../engine/types.ts';
import { analyseNotebookCells, analysePythonDocument, analyseWorkspaceFile } from './analyse-python.ts';
import { buildVirtualModule, type NotebookCell } from './notebook/notebook-source.ts';
import type { PythonFileFacts } from './facts/file-facts.ts';
import { PythonDocument, type TextChange } from './parser/python-document.ts';
import type { PythonParser } from './parser/python-parser.ts';
import { PYTHON_RULES } from './rules/python-rules.ts';
import type { PythonRule, PythonRuleContext } from './rules/python-rule.ts';
import type { ExplicitPair } from './workspace/training-serving-pair.ts';
import { PythonWorkspaceIndex, type PairChange } from './workspace/workspace-index.ts';

/** A rule's report with its rule id and the file it belongs to. */
export interface PythonFinding extends Report {
  readonly ruleId: string;
  readonly uri: string;
}

export interface PythonSessionOptions {
  readonly roots: readonly string[];
  readonly explicitPairs?: readonly ExplicitPair[];
  readonly rules?: readonly PythonRule[];
  readonly dvcTrackedPaths?: readonly string[];
}

export class PythonWorkspaceSession {
  readonly index: PythonWorkspaceIndex;
  private readonly parser: PythonParser;
  private readonly rules: readonly PythonRule[];
  private readonly texts = new Map<string, string>();
  private readonly documents = new Map<string, PythonDocument>();
  private readonly fileFindings = new Map<string, PythonFinding[]>();
  private readonly pairFindings = new Map<string, PythonFinding[]>();
  private pairFindingsByUri: Map<string, PythonFinding[]> | null = null;
  private readonly context: PythonRuleContext;

  constructor(parser: PythonParser, options: PythonSessionOptions) {
    this.parser = parser;
    this.rules = options.rules ?? PYTHON_RULES;
    this.index = new PythonWorkspaceIndex({
      roots: options.roots,
      explicitPairs: options.explicitPairs ?? [],
    });
    this.context = {
      index: this.index,
      text: (uri) => this.texts.get(uri),
      ...(options.dvcTrackedPaths ? { dvcTrackedPaths: options.dvcTrackedPaths } : {}),
    };
  }

  /** Loads many files at once (the first workspace scan). Returns the files with findings. */
  loadAll(files: ReadonlyMap<string, string>): string[] {
    const facts: PythonFileFacts[] = [];
    for (const [uri, text] of files) facts.push(this.analyse(uri, text));
    return this.loadFacts(facts, files);
  }

  /**
   * Loads many files whose facts were extracted elsewhere (another thread, with the same
   * parser and extractors), with their texts. Returns the files with findings.
   */
  loadFacts(facts: readonly PythonFileFacts[], texts: ReadonlyMap<string, string>): string[] {
    for (const [uri, text] of texts) this.texts.set(uri, text);
    const change = this.index.updateMany(facts);
    for (const fact of facts) this.runFileRules(fact);
    return this.afterPairChange(
      change,
      facts.map((f) => f.uri),
    );
  }

  /** A file's text from disk (or a full replacement). Returns the files whose findings may have changed. */
  setFile(uri: string, text: string): string[] {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
    this.texts.set(uri, text);
    return this.updateFacts(this.analyse(uri, text));
  }

  /** An editor opened the file: later changes re-parse incrementally. */
  open(uri: string, text: string): string[] {
    if (uri.endsWith('.ipynb')) return this.setFile(uri, text);
    this.documents.get(uri)?.dispose();
    const document = new PythonDocument(this.parser, text);
    this.documents.set(uri, document);
    this.texts.set(uri, text);
    return this.updateFacts(analysePythonDocument(uri, document));
  }

  /**
   * A notebook synced cell by cell (LSP 3.17 notebook documents): its code cells, in order, are
   * analysed as one module whose ranges map back to the cell documents. Fixes read the module's
   * text. Returns the files whose findings may have changed.
   */
  setNotebookCells(uri: string, cells: readonly NotebookCell[]): string[] {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
    this.texts.set(uri, buildVirtualModule(uri, cells).text);
    return this.updateFacts(analyseNotebookCells(this.parser, uri, cells));
  }

  /** LSP content changes for an open file. */
  change(uri: string, changes: readonly TextChange[]): string[] {
    const document = this.documents.get(uri);
    if (!document) {
      const last = changes[changes.length - 1];
      return last && !last.range ? this.setFile(uri, last.text) : [];
    }
    document.applyChanges(changes);
    this.texts.set(uri, document.text);
    return this.updateFacts(analysePythonDocument(uri, document));
  }

  /** Brings one file up to date with `text` (a no-op when it already is). */
  sync(uri: string, text: string): string[] {
    if (this.texts.get(uri) === text && this.index.get(uri)) return [];
    return this.documents.has(uri) ? this.change(uri, [{ text }]) : this.setFile(uri, text);
  }

  /** The editor closed the file; its facts stay (the file still exists on disk). */
  close(uri: string): void {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
  }

  /** The file was deleted. */
  remove(uri: string): string[] {
    this.close(uri);
    this.texts.delete(uri);
    this.fileFindings.delete(uri);
    return this.afterPairChange(this.index.remove(uri), [uri]);
  }

  /** Every finding that belongs to `uri`: its own file rules, and pair rules reporting in it. */
  findingsFor(uri: string): PythonFinding[] {
    const own = this.fileFindings.get(uri) ?? [];
    return [...own, ...dedupe(this.pairFindingsIn(uri))];
  }

  /** Pair findings by the file they report in, in pair order; rebuilt after pairs change. */
  private pairFindingsIn(uri: string): PythonFinding[] {
    if (!this.pairFindingsByUri) {
      const byUri = new Map<string, PythonFinding[]>();
      for (const findings of this.pairFindings.values()) {
        for (const finding of findings) {
          const list = byUri.get(finding.uri);
          if (list) list.push(finding);
          else byUri.set(finding.uri, [finding]);
        }
      }
      this.pairFindingsByUri = byUri;
    }
    return this.pairFindingsByUri.get(uri) ?? [];
  }

  facts(uri: string): PythonFileFacts | undefined {
    return this.index.get(uri);
  }

  dispose(): void {
    for (const document of this.documents.values()) document.dispose();
    this.documents.clear();
  }

  private analyse(uri: string, text: string): PythonFileFacts {
    return analyseWorkspaceFile(this.parser, uri, text);
  }

  private updateFacts(facts: PythonFileFacts): string[] {
    const change = this.index.update(facts);
    this.runFileRules(facts);
    return this.afterPairChange(change, [facts.uri]);
  }

  private runFileRules(facts: PythonFileFacts): void {
    const findings: PythonFinding[] = [];
    for (const rule of this.rules) {
      if (rule.target !== 'python-file') continue;
      for (const report of rule.check(facts, this.context))
        findings.push({ ...report, ruleId: rule.meta.id, uri: report.uri ?? facts.uri });
    }
    this.fileFindings.set(facts.uri, findings);
  }

  /** Re-runs pair rules on the affected pairs; returns every file whose findings may differ. */
  private afterPairChange(change: PairChange, changed: readonly string[]): string[] {
    const touched = new Set<string>(changed);
    this.pairFindingsByUri = null;
    for (const key of change.removed) {
      for (const finding of this.pairFindings.get(key) ?? []) touched.add(finding.uri);
      this.pairFindings.delete(key);
    }
    for (const pair of change.affected) {
      for (const finding of this.pairFindings.get(pair.key) ?? []) touched.add(finding.uri);
      const findings: PythonFinding[] = [];
      for (const rule of this.rules) {
        if (rule.target !== 'python-pair') continue;
        for (const report of rule.check(pair, this.context))
          findings.push({ ...report, ruleId: rule.meta.id, uri: report.uri ?? pair.serving });
      }
      this.pairFindings.set(pair.key, findings);
      for (const finding of findings) touched.add(finding.uri);
    }
    return [...touched];
  }
}

/** A serving file paired with two training files can get the same finding twice. */
function dedupe(findings: readonly PythonFinding[]): PythonFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
