import type { CheckResult } from './check-result.ts';
import { collectFiles } from './collect-files.ts';
import { findConfig } from './find-config.ts';
import { analyzeInParallel } from './parallel-check.ts';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly fix: boolean;
  readonly cwd: string;
  /** The module that worker threads start from (the CLI bundle itself). */
  readonly workerEntry: URL;
}

/** Finds the configuration and the files, then analyses them (on several threads when many). */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { config, root } = findConfig(options.configFile, options.paths[0] ?? options.cwd);
  const files = collectFiles(options.paths, config.config.ignore ?? [], options.cwd);
  const outcome = await analyzeInParallel({ files, config, root, fix: options.fix }, options.workerEntry);
  return {
    root,
    files,
    findings: outcome.findings,
    notes: [...config.notes, ...outcome.notes],
    fixesApplied: outcome.fixesApplied,
  };
}
