/**
 * Validates a workspace folder a client asks the daemon to watch: an absolute, already
 * normalised path (no `.` or `..` segments, no NUL) naming an existing directory. The real path
 * (symlinks resolved) is what gets registered.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { invalidParameter } from '../store/tracking-error.ts';

export const MAX_FOLDERS_PER_REQUEST = 64;

export function validatedWorkspaceFolder(folder: string): string {
  const refuse = (why: string): never => {
    throw invalidParameter(`Invalid workspace folder '${folder}': ${why}.`);
  };
  if (folder.includes('\0')) refuse('it contains a NUL character');
  if (!path.isAbsolute(folder)) refuse('it must be an absolute path');
  if (folder.split(/[\\/]/).some((segment) => segment === '..' || segment === '.'))
    refuse("it must not contain '.' or '..' segments");
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    return refuse('it does not exist');
  }
  if (!statSync(real).isDirectory()) refuse('it is not a directory');
  if (real === path.parse(real).root) refuse('a file system root cannot be a workspace folder');
  return real;
}
