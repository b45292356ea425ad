/** Loads the labelled cases and runs the real CLI (`mlops-lens check --format json`) over each. */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CaseOutcome, LabelledFinding } from './eval-score.ts';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '..', 'bin/mlops-lens.js');

interface CliReport {
  readonly findings: readonly { file: string; ruleId: string; start: { line: number } }[];
}

/** The case folders under `dir`: every folder that holds a `labels.json`. */
export function listCases(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .filter((folder) => statSync(folder).isDirectory() && existsSync(path.join(folder, 'labels.json')))
    .sort();
}

export function readLabels(caseDir: string): LabelledFinding[] {
  const raw: unknown = JSON.parse(readFileSync(path.join(caseDir, 'labels.json'), 'utf8'));
  const list = Array.isArray(raw) ? raw : (raw as { findings?: unknown }).findings;
  if (!Array.isArray(list)) throw new Error(`${caseDir}/labels.json: expected a list of findings`);
  return list.map((entry: unknown, index) => {
    const { file, line, ruleId } = entry as Partial<LabelledFinding>;
    if (typeof file !== 'string' || typeof line !== 'number' || typeof ruleId !== 'string') {
      throw new Error(`${caseDir}/labels.json: entry ${index} needs file, line and ruleId`);
    }
    return { file, line, ruleId };
  });
}

/** One case through the CLI, run from inside the case folder so that paths are case-relative. */
export async function runCase(caseDir: string): Promise<CaseOutcome> {
  const { stdout } = await run(
    process.execPath,
    [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'],
    {
      cwd: caseDir,
      maxBuffer: 64 << 20,
    },
  );
  const report = JSON.parse(stdout) as CliReport;
  const reported = report.findings.map((f) => ({
    file: f.file.split(path.sep).join('/'),
    line: f.start.line,
    ruleId: f.ruleId,
  }));
  return { name: path.basename(caseDir), expected: readLabels(caseDir), reported };
}

/** Every case, a few at a time (the CLI is one process per case, so cases never pair across). */
export async function runCases(caseDirs: readonly string[]): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = new Array<CaseOutcome>(caseDirs.length);
  let next = 0;
  const worker = async () => {
    while (next < caseDirs.length) {
      const index = next++;
      outcomes[index] = await runCase(caseDirs[index] ?? '');
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), caseDirs.length) }, worker));
  return outcomes;
}
