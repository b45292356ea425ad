import type { Diagnostic, FileEvent } from 'vscode-languageserver';
import type { FileResult } from '../engine/analyzer.ts';
import type { Finding, Note } from '../engine/types.ts';
import type { Logger } from './logger.ts';
import { analysisFailedDiagnostic, findingDiagnostic, noteDiagnostic } from './to-diagnostic.ts';
import type { ConfigScope } from './config-scope.ts';
import type { FileDependencies, FilesView } from './files-view.ts';
import { isAffectedBy, NO_DEPENDENCIES } from './files-view.ts';
import type { PythonSlot } from './python-slot.ts';
import { isPythonUri } from './python-slot.ts';

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
  /** What the analysis read of other files, to know when a file event makes it stale. */
  readonly dependencies: FileDependencies;
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
  files?: FilesView,
): DocumentAnalysis {
  let dependencies = NO_DEPENDENCIES;
  try {
    let result: FileResult;
    if (files) ({ result, dependencies } = files.record(() => analyze(uri, text)));
    else result = analyze(uri, text);
    const findings = result.findings.filter((finding) => finding.uri === uri);
    const diagnostics = [
      ...result.notes.map(noteDiagnostic),
      ...findings.map((finding, index) => findingDiagnostic(finding, version, index)),
    ];
    return { uri, version, findings, notes: result.notes, failed: false, diagnostics, dependencies };
  } catch (error) {
    logger.error(`Analysis of ${uri} failed.`, error);
    return {
      uri,
      version,
      findings: [],
      notes: [],
      failed: true,
      diagnostics: [analysisFailedDiagnostic(error)],
      dependencies,
    };
  }
}

function mergeDependencies(a: FileDependencies, b: FileDependencies): FileDependencies {
  if (a.reads.size === 0 && !a.listed) return b;
  return { reads: new Set([...a.reads, ...b.reads]), listed: a.listed || b.listed };
}

/** The analysis of a file that is not analysed (excluded by the configuration, or disabled). */
export function emptyAnalysis(uri: string, version: number | null): DocumentAnalysis {
  return {
    uri,
    version,
    findings: [],
    notes: [],
    failed: false,
    diagnostics: [],
    dependencies: NO_DEPENDENCIES,
  };
}

/** The latest analysis of each open document, computed at most once per version. */
export class DocumentAnalyses {
  /** Each document's latest analysis and the configuration scope it was computed under. */
  private readonly results = new Map<string, { analysis: DocumentAnalysis; scope: ConfigScope }>();
  private readonly logger: Logger;
  /** Told which other files' findings an analysis may have changed (Python pairs). */
  private readonly onAffected: (uris: readonly string[]) => void;

  constructor(logger: Logger, onAffected: (uris: readonly string[]) => void = () => {}) {
    this.logger = logger;
    this.onAffected = onAffected;
  }

  /** The analysis of this version under `scope`, computing it when the cached one is older. */
  analyze(
    document: { readonly uri: string; readonly version: number; getText(): string },
    scope: ConfigScope,
  ): DocumentAnalysis {
    const cached = this.results.get(document.uri);
    if (cached?.analysis.version === document.version && cached.scope === scope) return cached.analysis;
    let analysis: DocumentAnalysis;
    if (scope.ignores(document.uri)) analysis = emptyAnalysis(document.uri, document.version);
    else {
      if (scope.python && isPythonUri(document.uri)) this.syncPython(scope.python, document);
      analysis = analyzeFile(
        (uri, text) => scope.analysis.analyze(uri, text),
        document.uri,
        document.getText(),
        document.version,
        this.logger,
        scope.files,
      );
      if (analysis.failed) scope.analysis.forget(document.uri);
      // Documents reused from earlier versions did not read again: keep what they read.
      else if (cached?.scope === scope) {
        analysis = {
          ...analysis,
          dependencies: mergeDependencies(cached.analysis.dependencies, analysis.dependencies),
        };
      }
    }
    this.results.set(document.uri, { analysis, scope });
    return analysis;
  }

  /** Brings the Python session up to date first, to learn which other files it affects. */
  private syncPython(python: PythonSlot, document: { readonly uri: string; getText(): string }): void {
    try {
      const affected = python.sync(document.uri, document.getText()).filter((uri) => uri !== document.uri);
      if (affected.length > 0) this.onAffected(affected);
    } catch (error) {
      this.logger.error(`Updating the Python facts of ${document.uri} failed.`, error);
    }
  }

  /** Drops the analyses of these documents (their findings changed without an edit). */
  invalidateUris(uris: readonly string[]): string[] {
    return uris.filter((uri) => {
      const cached = this.results.get(uri);
      if (!cached) return false;
      this.results.delete(uri);
      return true;
    });
  }

  /** The cached analysis, whatever its version. */
  get(uri: string): DocumentAnalysis | undefined {
    return this.results.get(uri)?.analysis;
  }

  forget(uri: string, scope: ConfigScope | undefined): void {
    this.results.delete(uri);
    scope?.analysis.forget(uri);
  }

  /** Drops the analyses that read files these events changed; returns their URIs. */
  invalidateDependents(events: readonly FileEvent[]): string[] {
    const stale: string[] = [];
    for (const [uri, { analysis, scope }] of this.results) {
      if (!isAffectedBy(analysis.dependencies, events)) continue;
      this.results.delete(uri);
      scope.analysis.forget(uri);
      stale.push(uri);
    }
    return stale;
  }

  /** Drops every cached analysis (after a configuration change). */
  clear(): void {
    this.results.clear();
  }
}
