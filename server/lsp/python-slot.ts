import type { LoadedConfig } from '../config/load-config.ts';
import { dvcTrackedPaths } from '../dvc/dvc-tracked-paths.ts';
import { fileKindOf } from '../engine/file-kind.ts';
import type { PythonFindings } from '../engine/python-findings.ts';
import type { PythonFileFacts } from '../python/facts/file-facts.ts';
import type { NotebookCell } from '../python/notebook/notebook-source.ts';
import { initPythonParser, PythonParser } from '../python/parser/python-parser.ts';
import { PythonWorkspaceSession } from '../python/python-workspace-session.ts';
import type { PythonFinding } from '../python/python-workspace-session.ts';
import type { FilesView } from './files-view.ts';

export function isPythonUri(uri: string): boolean {
  const kind = fileKindOf(uri);
  return kind === 'python' || kind === 'notebook';
}

/**
 * The Python side of a configuration scope, as the analyzer asks for it. Python facts are
 * cross-file (training and serving files pair up), so the scope's Python files are loaded into
 * one session once the parser is ready; until then the slot is empty and Python files get no
 * findings. Every update returns the files whose findings may have changed.
 */
export class PythonSlot implements PythonFindings {
  private session: PythonWorkspaceSession | undefined;
  /** Notebooks synced cell by cell: their cells win over the `.ipynb` on disk until closed. */
  private readonly syncedNotebooks = new Map<string, readonly NotebookCell[]>();

  get loaded(): boolean {
    return this.session !== undefined;
  }

  /** Loads every Python file and notebook the view lists (open text first). */
  async load(files: FilesView, config: LoadedConfig): Promise<void> {
    const uris = files.list().filter(isPythonUri);
    if (uris.length === 0) return;
    await initPythonParser();
    const session = new PythonWorkspaceSession(new PythonParser(), {
      roots: [files.root],
      explicitPairs: config.config.python?.pairs ?? [],
      dvcTrackedPaths: dvcTrackedPaths(files),
    });
    const texts = new Map<string, string>();
    for (const uri of uris) {
      const text = files.read(uri);
      if (text !== undefined) texts.set(uri, text);
    }
    session.loadAll(texts);
    for (const [uri, cells] of this.syncedNotebooks) session.setNotebookCells(uri, cells);
    this.session?.dispose();
    this.session = session;
  }

  /** An open notebook's code cells (LSP notebook sync); a no-op while the parser is loading. */
  syncNotebook(uri: string, cells: readonly NotebookCell[]): string[] {
    this.syncedNotebooks.set(uri, cells);
    return this.session?.setNotebookCells(uri, cells) ?? [];
  }

  /** The notebook closed: the `.ipynb` on disk (`text`, undefined when gone) counts again. */
  releaseNotebook(uri: string, text: string | undefined): string[] {
    if (!this.syncedNotebooks.delete(uri)) return [];
    return this.fileChanged(uri, text);
  }

  facts(uri: string): PythonFileFacts | undefined {
    return this.session?.facts(uri);
  }

  findingsFor(uri: string): readonly PythonFinding[] {
    return this.session?.findingsFor(uri) ?? [];
  }

  /** Brings a file up to date with `text`; a no-op when it already is. */
  sync(uri: string, text: string): string[] {
    if (this.syncedNotebooks.has(uri)) return [];
    return this.session?.sync(uri, text) ?? [];
  }

  /** A file changed on disk (text) or was deleted (undefined). */
  fileChanged(uri: string, text: string | undefined): string[] {
    if (!this.session || this.syncedNotebooks.has(uri)) return [];
    return text === undefined ? this.session.remove(uri) : this.session.setFile(uri, text);
  }

  dispose(): void {
    this.session?.dispose();
    this.session = undefined;
  }
}
