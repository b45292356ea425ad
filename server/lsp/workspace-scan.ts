import type { CancellationToken, FileEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../config/model.ts';
import { fileKindOf } from '../engine/file-kind.ts';
import type { FileKind } from '../engine/file-kind.ts';
import { MAX_YAML_BYTES } from '../yaml/parse.ts';
import type { DocumentAnalyses, DocumentAnalysis } from './document-analyses.ts';
import { analyzeFile } from './document-analyses.ts';
import type { WorkspaceFileSystem } from './file-system.ts';
import type { Logger } from './logger.ts';
import { noteDiagnostic } from './to-diagnostic.ts';
import { listWorkspaceFiles } from './workspace-files.ts';
import type { ConfigScope } from './config-scope.ts';
import { isAffectedBy, NO_DEPENDENCIES } from './files-view.ts';
import type { ConfigScopes } from './config-scopes.ts';
import { filePathOf, fileUriOf } from './file-uris.ts';

/** Kinds that cross-file rules read but that are never reported on themselves. */
const READ_ONLY_KINDS: ReadonlySet<FileKind> = new Set(['lockfile', 'dvc-tracked']);

/** One file of a workspace scan: from the editor when it is open, else from disk. */
export interface ScannedFile {
  readonly analysis: DocumentAnalysis;
  /** Changes whenever the file's text or the configuration changes. */
  readonly resultId: string;
  readonly open: boolean;
}

interface CachedDiskFile {
  /** Size and modification time when read: the file is not read again while they match. */
  readonly stamp: string;
  readonly resultId: string;
  readonly analysis: DocumentAnalysis;
}

function tooLarge(uri: string, size: number): DocumentAnalysis {
  const start = { line: 0, character: 0 };
  const note = {
    uri,
    range: { start, end: start },
    severity: 'information' as const,
    code: 'limit' as const,
    message: `File skipped: ${(size / 1048576).toFixed(1)} MB is larger than the ${MAX_YAML_BYTES / 1048576} MB analysis limit.`,
  };
  return {
    uri,
    version: null,
    findings: [],
    dependencies: NO_DEPENDENCIES,
    notes: [note],
    failed: false,
    diagnostics: [noteDiagnostic(note)],
  };
}

/**
 * Analyses every file of the workspace folders, for `workspace/diagnostic` and the
 * `mlopsLens/checkWorkspace` request. Disk results are cached by size and modification time, so
 * a repeated scan of an unchanged workspace (clients pull it every few seconds) reads no file.
 */
export class WorkspaceScan {
  private readonly fs: WorkspaceFileSystem;
  private readonly logger: Logger;
  private readonly diskCache = new Map<string, CachedDiskFile>();
  private generation = 0;
  private nextId = 0;

  constructor(fs: WorkspaceFileSystem, logger: Logger) {
    this.fs = fs;
    this.logger = logger;
  }

  /** Forgets the results that read files these events changed (the changed files re-read themselves). */
  invalidateDependents(events: readonly FileEvent[]): void {
    for (const [filePath, cached] of this.diskCache) {
      if (isAffectedBy(cached.analysis.dependencies, events)) this.diskCache.delete(filePath);
    }
  }

  /** Forgets the results of these files (their findings changed through another file). */
  forgetUris(uris: readonly string[]): void {
    const stale = new Set(uris);
    for (const [filePath, cached] of this.diskCache) {
      if (stale.has(cached.analysis.uri)) this.diskCache.delete(filePath);
    }
  }

  /** Forgets every cached result (after a configuration change). */
  invalidate(): void {
    this.generation++;
    this.diskCache.clear();
  }

  /** Every analysable file under `folderUris`; each open one is analysed from the editor. */
  async scan(
    folderUris: readonly string[],
    scopes: ConfigScopes,
    openDocuments: readonly TextDocument[],
    analyses: DocumentAnalyses,
    token?: CancellationToken,
  ): Promise<ScannedFile[]> {
    const openByPath = new Map<string, TextDocument>();
    for (const document of openDocuments) {
      const filePath = filePathOf(document.uri);
      if (filePath !== undefined) openByPath.set(filePath, document);
    }
    const files: ScannedFile[] = [];
    const seen = new Set<string>();
    for (const folderUri of folderUris) {
      const folderPath = filePathOf(folderUri);
      if (folderPath === undefined) continue;
      const rootScope = await scopes.scopeFor(`${folderUri}/${CONFIG_FILE_NAME}`);
      const paths = await listWorkspaceFiles(this.fs, folderPath, rootScope.config.config.ignore ?? []);
      for (const filePath of paths) {
        if (token?.isCancellationRequested === true) return files;
        if (READ_ONLY_KINDS.has(fileKindOf(filePath) ?? 'readme')) continue;
        if (seen.has(filePath)) continue;
        seen.add(filePath);
        const open = openByPath.get(filePath);
        const scope = await scopes.scopeFor(open?.uri ?? fileUriOf(filePath));
        if (open) {
          const analysis = analyses.analyze(open, scope);
          files.push({ analysis, resultId: `${this.generation}:v${open.version}`, open: true });
          continue;
        }
        if (scope.ignores(fileUriOf(filePath))) continue;
        const scanned = await this.readAndAnalyze(scope, filePath);
        if (scanned) files.push(scanned);
      }
    }
    // Forget files that are gone, once every folder has been walked.
    if (folderUris.length === scopes.folders.length) {
      for (const cached of this.diskCache.keys()) if (!seen.has(cached)) this.diskCache.delete(cached);
    }
    return files;
  }

  private async readAndAnalyze(scope: ConfigScope, filePath: string): Promise<ScannedFile | undefined> {
    const uri = fileUriOf(filePath);
    const stat = await this.fs.stat(filePath);
    if (stat === undefined) return undefined;
    const stamp = `${stat.size}:${stat.modified}`;
    const cached = this.diskCache.get(filePath);
    if (cached?.stamp === stamp) return { analysis: cached.analysis, resultId: cached.resultId, open: false };
    let analysis: DocumentAnalysis;
    if (stat.size > MAX_YAML_BYTES) analysis = tooLarge(uri, stat.size);
    else {
      let text: string;
      try {
        text = await this.fs.readFile(filePath);
      } catch (error) {
        this.logger.warn(
          `Could not read ${filePath}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
      const analyzer = scope.analysis.analyzer;
      const read = (u: string, t: string) => analyzer.analyze({ uri: u, text: t });
      analysis = analyzeFile(read, uri, text, null, this.logger, scope.files);
    }
    const resultId = `${this.generation}:d${this.nextId++}`;
    this.diskCache.set(filePath, { stamp, resultId, analysis });
    return { analysis, resultId, open: false };
  }
}
