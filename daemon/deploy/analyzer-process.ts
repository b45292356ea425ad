/**
 * Runs the analyzer as `mlops-lens check --format json` in a child process, the very command CI
 * runs, with each file's nearest `.mlops-lens.yaml`. From the sources it starts
 * server/cli/main.ts; from the bundle, cli.js beside daemon.js. The daemon's own event loop and
 * memory stay out of the analysis.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeChecker, CodeFinding } from './code-diagnostics-gate.ts';

const CHECK_TIMEOUT_MS = 120_000;

function analyzerEntry(): string {
  const source = fileURLToPath(new URL('../../server/cli/main.ts', import.meta.url));
  return existsSync(source) ? source : fileURLToPath(new URL('./cli.js', import.meta.url));
}

interface CheckJson {
  findings: {
    file: string;
    ruleId: string;
    severity: CodeFinding['severity'];
    message: string;
    start: { line: number };
  }[];
}

export function analyzerProcess(entry: string = analyzerEntry()): CodeChecker {
  return (files) =>
    new Promise((resolve, reject) => {
      const cwd = path.dirname(files[0] ?? '.');
      execFile(
        process.execPath,
        [entry, 'check', '--format', 'json', '--fail-on', 'never', ...files],
        { cwd, encoding: 'utf8', timeout: CHECK_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) {
            reject(
              new Error(`the analyzer failed on ${files.join(', ')}: ${stderr.trim() || error.message}`),
            );
            return;
          }
          try {
            const result = JSON.parse(stdout) as CheckJson;
            resolve(
              result.findings.map((f) => ({
                file: path.resolve(cwd, f.file),
                line: f.start.line,
                ruleId: f.ruleId,
                severity: f.severity,
                message: f.message,
              })),
            );
          } catch (parseError) {
            reject(new Error(`the analyzer's output is not its JSON: ${(parseError as Error).message}`));
          }
        },
      );
    });
}
