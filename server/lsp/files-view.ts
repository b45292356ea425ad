import type { FileEvent } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { WorkspaceView } from '../engine/workspace-view.ts';
import type { WorkspaceFileSystem } from './file-system.ts';
import { filePathOf, fileUriOf } from './file-uris.ts';
import { listWorkspaceFiles } from './workspace-files.ts';

/** What one file's analysis read through the view: the files, and whether it listed them. */
export interface FileDependencies {
  readonly reads: ReadonlySet<string>;
  readonly listed: boolean;
}

export const NO_DEPENDENCIES: FileDependencies = { reads: new Set(), listed: false };

/** Whether file events change what an analysis with these dependencies saw. */
export function isAffectedBy(dependencies: FileDependencies, events: readonly FileEvent[]): boolean {
  return events.some(
    (event) =>
      dependencies.reads.has(event.uri) || (dependencies.listed && event.type !== FileChangeType.Changed),
  );
}

/**
 * The other files of a configuration scope, as cross-file rules see them: open editors' unsaved
 * text first, else the disk, read lazily once and forgotten when files change. The file list
 * is walked once per scope and again after file events.
 */
export class FilesView implements WorkspaceView {
  readonly root: string;
  private readonly fs: WorkspaceFileSystem;
  private readonly openText: (uri: string) => string | undefined;
  private readonly ignoreGlobs: readonly string[];
  private files: readonly string[] = [];
  private readonly texts = new Map<string, string | undefined>();
  private recording: { reads: Set<string>; listed: boolean } | undefined;

  constructor(
    root: string,
    fs: WorkspaceFileSystem,
    openText: (uri: string) => string | undefined,
    ignoreGlobs: readonly string[],
  ) {
    this.root = root.replace(/\/$/, '');
    this.fs = fs;
    this.openText = openText;
    this.ignoreGlobs = ignoreGlobs;
  }

  list(): readonly string[] {
    if (this.recording) this.recording.listed = true;
    return this.files;
  }

  read(uri: string): string | undefined {
    this.recording?.reads.add(uri);
    const open = this.openText(uri);
    if (open !== undefined) return open;
    if (this.texts.has(uri)) return this.texts.get(uri);
    const filePath = filePathOf(uri);
    const text = filePath === undefined ? undefined : this.fs.readFileSync(filePath);
    this.texts.set(uri, text);
    return text;
  }

  /** Runs one file's (synchronous) analysis and returns what it read through this view. */
  record<T>(run: () => T): { result: T; dependencies: FileDependencies } {
    const recording = { reads: new Set<string>(), listed: false };
    this.recording = recording;
    try {
      return { result: run(), dependencies: recording };
    } finally {
      this.recording = undefined;
    }
  }

  /** Walks the files again and forgets every text read. */
  async refresh(): Promise<void> {
    this.texts.clear();
    const rootPath = filePathOf(this.root);
    const paths = rootPath === undefined ? [] : await listWorkspaceFiles(this.fs, rootPath, this.ignoreGlobs);
    this.files = paths.map(fileUriOf);
    this.texts.clear();
  }

  /** Files changed on disk: forgets their texts, and walks again when files came or went. */
  async filesChanged(events: readonly FileEvent[]): Promise<void> {
    for (const event of events) this.texts.delete(event.uri);
    if (events.some((event) => event.type !== FileChangeType.Changed)) await this.refresh();
  }
}
