/**
 * The versions a workspace locks for a dependency file: from the lockfiles beside it, then
 * from those at the workspace root, read through the workspace view.
 */
import type { WorkspaceView } from '../engine/workspace-view.ts';
import { isLockfileName, lockedVersions } from './lockfile-versions.ts';

export interface WorkspaceLock {
  /** Locked version by normalised package name. */
  readonly versions: ReadonlyMap<string, { readonly version: string; readonly lockfile: string }>;
  /** Lockfile URIs that were read. */
  readonly lockfiles: readonly string[];
}

function directoryOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export function workspaceLock(uri: string, workspace: WorkspaceView | undefined): WorkspaceLock {
  const versions = new Map<string, { version: string; lockfile: string }>();
  if (!workspace) return { versions, lockfiles: [] };
  const folders = [directoryOf(uri), workspace.root];
  const lockfiles = workspace
    .list()
    .filter((file) => isLockfileName(baseName(file)) && folders.includes(directoryOf(file)))
    .sort((a, b) => folders.indexOf(directoryOf(a)) - folders.indexOf(directoryOf(b)) || a.localeCompare(b));
  for (const lockfile of lockfiles) {
    const text = workspace.read(lockfile);
    if (text === undefined) continue;
    for (const [name, version] of lockedVersions(baseName(lockfile), text))
      if (!versions.has(name)) versions.set(name, { version, lockfile });
  }
  return { versions, lockfiles };
}

/** Resolves a path written in a file (`-c constraints.txt`) against that file's folder. */
export function resolveBeside(uri: string, relative: string): string {
  const parts = directoryOf(uri).split('/');
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
