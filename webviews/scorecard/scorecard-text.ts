/** Words the scorecard page shows, DOM-free so the unit tests read them. */
import type { AnswerView, FixView, ScorecardView } from './contract.ts';

export const STATUS_MARK: Readonly<Record<AnswerView['status'], string>> = {
  answered: '✓',
  partial: '◐',
  missing: '✗',
};

/** "4 of 6 questions answered, 11 checks missing" */
export function summaryText(view: ScorecardView): string {
  const answered = view.answers.filter((a) => a.status === 'answered').length;
  const missing = view.answers.reduce((n, a) => n + a.checks.filter((c) => !c.found).length, 0);
  return `${answered} of ${view.answers.length} questions answered, ${missing} ${missing === 1 ? 'check' : 'checks'} missing`;
}

/** The button that hands a fix's command to a terminal: it runs at once only without placeholders. */
export function runLabel(fix: FixView): string | undefined {
  if (fix.command === undefined) return undefined;
  return fix.placeholders.length === 0
    ? 'Run in Terminal'
    : `Edit in Terminal (${fix.placeholders.join(', ')})`;
}

/** The score's band, for its colour: 80 and up good, 50 and up fair, else poor. */
export function scoreBand(score: number): 'good' | 'fair' | 'poor' {
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}
