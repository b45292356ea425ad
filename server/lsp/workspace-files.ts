import ignore from 'ignore';
import type { Ignore } from 'ignore';
import path from 'node:path';
import { fileKindOf } from '../engine/file-kind.ts';
import type { WorkspaceFileSystem } from './file-system.ts';

/** Directories never walked, whatever `.gitignore` says. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

interface IgnoreScope {
  /** The directory the `.gitignore` lives in, relative to the root (posix, '' for the root). */
  readonly base: string;
  readonly rules: Ignore;
}

function isIgnored(scopes: readonly IgnoreScope[], relative: string, isDirectory: boolean): boolean {
  for (const scope of scopes) {
    const local = scope.base === '' ? relative : relative.slice(scope.base.length + 1);
    if (scope.rules.ignores(isDirectory ? `${local}/` : local)) return true;
  }
  return false;
}

async function readIgnore(fs: WorkspaceFileSystem, directory: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await fs.readFile(path.join(directory, '.gitignore')));
  } catch {
    return undefined;
  }
}

/**
 * Lists the files the engine knows a kind for under `root` (absolute paths), as the CLI does,
 * honouring every `.gitignore` on the way down and the configuration's `ignore` globs, and
 * skipping `node_modules` and `.git`.
 */
export async function listWorkspaceFiles(
  fs: WorkspaceFileSystem,
  root: string,
  extraIgnores: readonly string[] = [],
): Promise<string[]> {
  const files: string[] = [];
  const rootScopes: IgnoreScope[] =
    extraIgnores.length > 0 ? [{ base: '', rules: ignore().add([...extraIgnores]) }] : [];
  const pending: Array<{ relative: string; scopes: IgnoreScope[] }> = [{ relative: '', scopes: rootScopes }];
  while (pending.length > 0) {
    const { relative, scopes: inherited } = pending.pop()!;
    const directory = relative === '' ? root : path.join(root, relative);
    let entries;
    try {
      entries = await fs.readDirectory(directory);
    } catch {
      continue;
    }
    const local = await readIgnore(fs, directory);
    const scopes = local ? [...inherited, { base: relative, rules: local }] : inherited;
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.kind === 'directory') {
        if (!ALWAYS_SKIPPED.has(entry.name) && !isIgnored(scopes, child, true))
          pending.push({ relative: child, scopes });
      } else if (entry.kind === 'file') {
        if (fileKindOf(path.join(root, child)) !== undefined && !isIgnored(scopes, child, false))
          files.push(path.join(root, child));
      }
    }
  }
  return files.sort();
}
