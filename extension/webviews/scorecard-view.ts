/** The daemon's scorecard as the scorecard webview's protocol shows it (no `vscode` import). */
import type { Scorecard } from '../../daemon/api/scorecard-contract.ts';
import type { ScorecardView } from '../../webviews/scorecard/contract.ts';

export function scorecardView(card: Scorecard): ScorecardView {
  return {
    model: card.model_name,
    version: card.model_version,
    stage: card.stage,
    aliases: card.aliases,
    score: card.score,
    answers: card.answers.map((answer) => ({
      id: answer.id,
      question: answer.question,
      status: answer.status,
      checks: answer.checks.map((check) => ({
        name: check.name,
        found: check.found,
        evidence: check.evidence,
        ...(check.fix === undefined
          ? {}
          : {
              fix: {
                action: check.fix.action,
                placeholders: check.fix.placeholders ?? [],
                ...(check.fix.command === undefined ? {} : { command: check.fix.command }),
                ...(check.fix.snippet === undefined ? {} : { snippet: check.fix.snippet }),
              },
            }),
      })),
    })),
  };
}
