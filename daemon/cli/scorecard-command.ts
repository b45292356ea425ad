/**
 * `mlops-lens scorecard <model>@<version|alias> [--format table|json] [--fail-under N]`: the
 * lifecycle scorecard of a version: the six questions with their status, the evidence found and
 * the fix of each missing check. With --fail-under it is a CI gate: exit 1 under that score.
 */
import { NATIVE_API_PREFIX } from '../api/contract.ts';
import type { Scorecard, ScorecardCheck, ScorecardResponse } from '../api/scorecard-contract.ts';
import { stageName } from '../scorecard/scorecard-answers.ts';
import { positionals, stringFlag } from './cli-args.ts';
import { usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import { resolveVersion } from './registry-lookup.ts';

export const SCORECARD_OPTIONS = {
  format: { type: 'string' },
  'fail-under': { type: 'string' },
} as const;

const STATUS_MARK = { answered: '✓', partial: '◐', missing: '✗' } as const;

export const scorecard: CliCommand = async (parsed, client) => {
  const [reference = ''] = positionals(parsed, ['model@version']);
  const at = reference.lastIndexOf('@');
  if (at <= 0 || at === reference.length - 1)
    throw usageFailure(`expected <model>@<version> (or <model>@<alias>), not '${reference}'`);
  const format = stringFlag(parsed, 'format') ?? (parsed.json ? 'json' : 'table');
  if (format !== 'table' && format !== 'json')
    throw usageFailure(`--format must be table or json, not '${format}'`);
  const failUnder = failUnderOf(stringFlag(parsed, 'fail-under'));
  const name = reference.slice(0, at);
  const version = await resolveVersion(client, name, reference.slice(at + 1));
  const { scorecard: card } = await client.call<ScorecardResponse>({
    method: 'GET',
    path: `${NATIVE_API_PREFIX}/scorecard`,
    query: { name, version: version.version },
  });
  const result = format === 'json' ? jsonResult(card) : { stdout: describeScorecard(card) };
  if (failUnder === undefined || card.score >= failUnder) return result;
  return {
    ...result,
    stderr: `${card.model_name}@${card.model_version}: score ${card.score} is under ${failUnder}.`,
    exitCode: 1,
  };
};

function failUnderOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || value > 100)
    throw usageFailure(`--fail-under must be a score from 0 to 100, not '${text}'`);
  return value;
}

export function describeScorecard(card: Scorecard): string {
  const lines = [
    `${card.model_name}@${card.model_version}  score ${card.score}/100  stage ${stageName(card.stage)}` +
      (card.aliases.length > 0 ? `  aliases ${card.aliases.join(', ')}` : ''),
  ];
  card.answers.forEach((answer, i) => {
    lines.push('', `${i + 1}. ${answer.question}  ${STATUS_MARK[answer.status]} ${answer.status}`);
    const width = Math.max(...answer.checks.map((c) => c.name.length));
    for (const check of answer.checks) lines.push(...describeCheck(check, width));
  });
  return lines.join('\n');
}

function describeCheck(check: ScorecardCheck, width: number): string[] {
  const head = `   ${check.found ? '✓' : '✗'} ${check.name.padEnd(width)}  `;
  const pad = ' '.repeat(head.length);
  if (check.found) return check.evidence.map((e, i) => `${i === 0 ? head : pad}${e}`);
  const fix = check.fix;
  const lines = [`${head}missing: ${fix?.action ?? ''}`];
  if (fix?.command !== undefined) lines.push(`${pad}run: ${fix.command}`);
  else if (fix?.snippet !== undefined) lines.push(`${pad}add: ${fix.snippet}`);
  return lines;
}
