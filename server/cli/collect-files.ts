import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { fileKindOf } from '../engine/file-kind.ts';

const ALWAYS_SKIPPED = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  'dist',
]);

interface IgnoreScope {
  readonly dir: string;
  readonly rules: Ignore;
}

function readGitignore(dir: string): IgnoreScope | undefined {
  try {
    return { dir, rules: ignore().add(readFileSync(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

function ignored(scopes: readonly IgnoreScope[], file: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const relative = path.relative(scope.dir, file).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${relative}/` : relative)) return true;
  }
  return false;
}

/**
 * The files to analyse under the given paths: directories are walked recursively, honouring
 * every `.gitignore` on the way and skipping dependency and VCS folders. Files named
 * explicitly are always included when the engine knows their kind.
 */
export function collectFiles(
  paths: readonly string[],
  extraIgnores: readonly string[] = [],
  base = process.cwd(),
): string[] {
  const out = new Set<string>();
  const extra: IgnoreScope | undefined =
    extraIgnores.length > 0 ? { dir: base, rules: ignore().add([...extraIgnores]) } : undefined;
  const walk = (dir: string, scopes: readonly IgnoreScope[]): void => {
    const own = readGitignore(dir);
    const here = own ? [...scopes, own] : scopes;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      let stats;
      try {
        stats = statSync(full);
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        if (ALWAYS_SKIPPED.has(name) || ignored(here, full, true)) continue;
        walk(full, here);
      } else if (stats.isFile() && fileKindOf(full) !== undefined && !ignored(here, full, false)) {
        out.add(full);
      }
    }
  };
  for (const input of paths) {
    const full = path.resolve(base, input);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      throw new Error(`No such file or directory: ${input}`);
    }
    if (stats.isDirectory()) walk(full, extra ? [extra] : []);
    else out.add(full);
  }
  return [...out];
}
