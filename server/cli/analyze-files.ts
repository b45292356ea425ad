import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { LoadedConfig } from '../config/load-config.ts';
import { Analyzer } from '../engine/analyzer.ts';
import { fixAll } from '../engine/fix-all.ts';
import type { Finding, Note } from '../engine/types.ts';

/** The part of a check that one thread does: read, optionally fix, analyse. Serialisable both ways. */
export interface AnalyzeFilesJob {
  readonly files: readonly string[];
  readonly config: LoadedConfig;
  readonly root: string;
  readonly fix: boolean;
}

export interface AnalyzeFilesOutcome {
  readonly findings: Finding[];
  readonly notes: Note[];
  readonly fixesApplied: number;
}

export function analyzeFiles(job: AnalyzeFilesJob): AnalyzeFilesOutcome {
  const analyzer = new Analyzer({ config: job.config, workspaceRoot: pathToFileURL(job.root).href });
  const findings: Finding[] = [];
  const notes: Note[] = [];
  let fixesApplied = 0;
  for (const file of job.files) {
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
    if (job.fix) {
      const fixed = fixAll(analyzer, { uri, text });
      if (fixed.text !== text) {
        writeFileSync(file, fixed.text);
        fixesApplied += fixed.applied;
        text = fixed.text;
      }
    }
    const result = analyzer.analyze({ uri, text });
    findings.push(...result.findings);
    if (job.config.uri !== uri) notes.push(...result.notes);
  }
  return { findings, notes, fixesApplied };
}
