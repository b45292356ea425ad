/** The precision and recall table that `npm run eval` prints. */
import type { EvalScore, RuleScore } from './eval-score.ts';
import { precisionOf, recallOf } from './eval-score.ts';

const ratio = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(2));

function row(score: RuleScore): string[] {
  return [
    score.ruleId,
    String(score.tp),
    String(score.fp),
    String(score.fn),
    ratio(precisionOf(score)),
    ratio(recallOf(score)),
  ];
}

export function formatEvalTable(score: EvalScore, caseCount: number): string {
  const headers = ['rule', 'TP', 'FP', 'FN', 'precision', 'recall'];
  const cells = [...score.rules.map(row), row(score.total)];
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const mismatches = score.mismatches.map(
    (m) => `  ${m.kind}: ${m.caseName}/${m.file}:${m.line} ${m.ruleId}`,
  );
  return [
    `${caseCount} labelled cases`,
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
    ...(mismatches.length > 0 ? ['', 'Mismatches:', ...mismatches] : []),
  ].join('\n');
}
