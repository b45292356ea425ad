import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Analyzer } from '../engine/analyzer.ts';
import { fixAll } from '../engine/fix-all.ts';
import type { Finding, Note } from '../engine/types.ts';
import type { CheckResult } from './check-result.ts';
import { collectFiles } from './collect-files.ts';
import { findConfig } from './find-config.ts';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly fix: boolean;
  readonly cwd: string;
}

/** Reads, analyses and (with --fix) rewrites files. The only I/O of a check lives here. */
export function runCheck(options: CheckOptions): CheckResult {
  const { config, root } = findConfig(options.configFile, options.paths[0] ?? options.cwd);
  const analyzer = new Analyzer({ config, workspaceRoot: pathToFileURL(root).href });
  const files = collectFiles(options.paths, config.config.ignore ?? [], options.cwd);
  const findings: Finding[] = [];
  const notes: Note[] = [...config.notes];
  let fixesApplied = 0;
  for (const file of files) {
    const uri = pathToFileURL(file).href;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      notes.push({
        uri,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'error',
        code: 'skipped',
        message: `Could not read the file: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    if (options.fix) {
      const fixed = fixAll(analyzer, { uri, text });
      if (fixed.text !== text) {
        writeFileSync(file, fixed.text);
        fixesApplied += fixed.applied;
        text = fixed.text;
      }
    }
    const result = analyzer.analyze({ uri, text });
    findings.push(...result.findings);
    if (config.uri !== uri) notes.push(...result.notes);
  }
  return { root, files, findings, notes, fixesApplied };
}
