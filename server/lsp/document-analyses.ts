import type { Diagnostic } from 'vscode-languageserver';
import type { FileResult } from '../engine/analyzer.ts';
import type { Finding, Note } from '../engine/types.ts';
import type { Logger } from './logger.ts';
import { analysisFailedDiagnostic, findingDiagnostic, noteDiagnostic } from './to-diagnostic.ts';
import type { FolderState } from './workspace-folders.ts';

/** One file's analysis at one version, with the diagnostics built from it. */
export interface DocumentAnalysis {
  readonly uri: string;
  /** The editor version analysed; null for a file read from disk. */
  readonly version: number | null;
  /** Findings of this file, in the order their diagnostics carry as `data.index`. */
  readonly findings: readonly Finding[];
  readonly notes: readonly Note[];
  /** Set when the analysis threw. */
  readonly failed: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs one file through its folder's analysis. An exception never escapes: it is logged and the
 * file gets an `analysis-failed` diagnostic instead.
 */
export function analyzeFile(
  analyze: (uri: string, text: string) => FileResult,
  uri: string,
  text: string,
  version: number | null,
  logger: Logger,
): DocumentAnalysis {
  try {
    const result = analyze(uri, text);
    const findings = result.findings.filter((finding) => finding.uri === uri);
    const diagnostics = [
      ...result.notes.map(noteDiagnostic),
      ...findings.map((finding, index) => findingDiagnostic(finding, version, index)),
    ];
    return { uri, version, findings, notes: result.notes, failed: false, diagnostics };
  } catch (error) {
    logger.error(`Analysis of ${uri} failed.`, error);
    return {
      uri,
      version,
      findings: [],
      notes: [],
      failed: true,
      diagnostics: [analysisFailedDiagnostic(error)],
    };
  }
}

/** The analysis of a file that is not analysed (excluded by the configuration, or disabled). */
export function emptyAnalysis(uri: string, version: number | null): DocumentAnalysis {
  return { uri, version, findings: [], notes: [], failed: false, diagnostics: [] };
}

/** The latest analysis of each open document, computed at most once per version. */
export class DocumentAnalyses {
  private readonly results = new Map<string, DocumentAnalysis>();
  private readonly logger: Logger;
  private readonly folderFor: (uri: string) => FolderState;

  constructor(folderFor: (uri: string) => FolderState, logger: Logger) {
    this.folderFor = folderFor;
    this.logger = logger;
  }

  /** The analysis of this version, computing it when the cached one is older. */
  analyze(document: { readonly uri: string; readonly version: number; getText(): string }): DocumentAnalysis {
    const cached = this.results.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const folder = this.folderFor(document.uri);
    if (folder.ignores(document.uri)) {
      const ignored = emptyAnalysis(document.uri, document.version);
      this.results.set(document.uri, ignored);
      return ignored;
    }
    const analysis = analyzeFile(
      (uri, text) => folder.analysis.analyze(uri, text),
      document.uri,
      document.getText(),
      document.version,
      this.logger,
    );
    if (analysis.failed) folder.analysis.forget(document.uri);
    this.results.set(document.uri, analysis);
    return analysis;
  }

  /** The cached analysis, whatever its version. */
  get(uri: string): DocumentAnalysis | undefined {
    return this.results.get(uri);
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.folderFor(uri).analysis.forget(uri);
  }

  /** Drops every cached analysis (after a configuration change). */
  clear(): void {
    this.results.clear();
  }
}
