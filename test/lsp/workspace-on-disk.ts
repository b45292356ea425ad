import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileUri } from './lsp-session.ts';

/** A temporary workspace folder on disk, laid out from a map of relative paths to contents. */
export class WorkspaceOnDisk {
  readonly root: string;

  constructor(files: Readonly<Record<string, string>>) {
    this.root = mkdtempSync(path.join(tmpdir(), 'mlops-lens-lsp-'));
    for (const [relative, text] of Object.entries(files)) this.write(relative, text);
  }

  path(relative: string): string {
    return path.join(this.root, relative);
  }

  uri(relative: string): string {
    return fileUri(this.path(relative));
  }

  write(relative: string, text: string | Buffer): void {
    mkdirSync(path.dirname(this.path(relative)), { recursive: true });
    writeFileSync(this.path(relative), text);
  }

  /** Removes one file, or the whole workspace when no path is given. */
  remove(relative?: string): void {
    rmSync(relative === undefined ? this.root : this.path(relative), { recursive: true, force: true });
  }
}
