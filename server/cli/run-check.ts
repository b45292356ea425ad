import path from 'node:path';
import ignore from 'ignore';
import type { ConfigGroup } from './analyze-files.ts';
import type { CheckResult } from './check-result.ts';
import { collectFiles } from './collect-files.ts';
import { ConfigResolver, explicitConfig } from './find-config.ts';
import type { ScopedConfig } from './find-config.ts';
import { analyzeInParallel } from './parallel-check.ts';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly fix: boolean;
  readonly cwd: string;
  /** The module that worker threads start from (the CLI bundle itself). */
  readonly workerEntry: URL;
}

/** A configuration's `ignore` globs, relative to its own folder. */
function isIgnoredBy(scoped: ScopedConfig, file: string): boolean {
  const globs = scoped.config.config.ignore;
  if (!globs || globs.length === 0) return false;
  const relative = path.relative(scoped.root, file).split(path.sep).join('/');
  return (
    !relative.startsWith('..') &&
    ignore()
      .add([...globs])
      .ignores(relative)
  );
}

/**
 * Finds the files and, for each, its configuration (`--config`, else the nearest
 * `.mlops-lens.yaml`), then analyses them, on several threads when there are many.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const explicit = options.configFile === undefined ? undefined : explicitConfig(options.configFile);
  const resolver = new ConfigResolver(options.cwd);
  const groups = new Map<string, ConfigGroup & { files: string[] }>();
  for (const file of collectFiles(options.paths, [], options.cwd)) {
    const scoped = explicit ?? resolver.forFile(file);
    if (isIgnoredBy(scoped, file)) continue;
    const key = scoped.config.uri ?? '';
    const files: string[] = [];
    const group = groups.get(key) ?? {
      config: scoped.config,
      root: scoped.root,
      files,
      workspaceFiles: files,
    };
    group.files.push(file);
    groups.set(key, group);
  }
  const list = [...groups.values()];
  const outcome = await analyzeInParallel({ groups: list, fix: options.fix }, options.workerEntry);
  const configNotes = explicit ? explicit.config.notes : list.flatMap((group) => group.config.notes);
  return {
    root: options.cwd,
    files: list.flatMap((group) => group.files),
    findings: outcome.findings,
    notes: [...configNotes, ...outcome.notes],
    fixesApplied: outcome.fixesApplied,
  };
}
