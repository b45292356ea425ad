/**
 * The file system as the language server sees it. The server reads files only for workspace
 * diagnostics and `.mlops-lens.yaml`; everything goes through this interface so tests and
 * benchmarks can hand it a file system in memory.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';

export interface DirectoryEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'other';
}

export interface WorkspaceFileSystem {
  /** Entries of a directory; symbolic links are reported as `other` and not followed. */
  readDirectory(path: string): Promise<readonly DirectoryEntry[]>;
  /** UTF-8 text of a file. Rejects when it does not exist. */
  readFile(path: string): Promise<string>;
  /**
   * UTF-8 text of a file, read synchronously, or undefined when it cannot be read. Only for the
   * rules' workspace view: rules are synchronous and read the few other files they need lazily.
   */
  readFileSync(path: string): string | undefined;
  /** Size and change stamp of a file or directory, or undefined when it does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
}

export interface FileStat {
  readonly size: number;
  /** Changes whenever the content changes (the modification time on disk). */
  readonly modified: number;
}

export const nodeFileSystem: WorkspaceFileSystem = {
  async readDirectory(path) {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({
      name: entry.name,
      kind: entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other',
    }));
  },
  readFile(path) {
    return readFile(path, 'utf8');
  },
  readFileSync(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  async stat(path) {
    try {
      const { size, mtimeMs } = await stat(path);
      return { size, modified: mtimeMs };
    } catch {
      return undefined;
    }
  },
};
