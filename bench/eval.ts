/**
 * `npm run eval`: precision and recall of the rules on the labelled suite in test/fixtures/eval
 * (or the folder given as the first argument): Python cases, and workspaces with `.dvc/config`,
 * `*.dvc`, `dvc.yaml` and a README for the DVC rules. A report: it exits non-zero
 * only when the suite cannot be run, never on low figures.
 */
import path from 'node:path';
import { listCases, runCases } from './eval-cases.ts';
import { scoreCases } from './eval-score.ts';
import { formatEvalTable } from './eval-table.ts';

const suite = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'test/fixtures/eval'));
try {
  const cases = listCases(suite);
  if (cases.length === 0) throw new Error(`no labelled cases (folders with labels.json) in ${suite}`);
  const score = scoreCases(await runCases(cases));
  process.stdout.write(`${formatEvalTable(score, cases.length)}\n`);
} catch (error) {
  process.stderr.write(`eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
