/**
 * `mlops-lens models retire --days N [--model NAME] [--apply]`: the retirement policy. Lists
 * the versions without traffic for N days; with --apply archives them (they stay rollback-able:
 * the command to bring each back is printed).
 */
import { NATIVE_API_PREFIX } from '../api/contract.ts';
import type { RetirementResponse } from '../api/scorecard-contract.ts';
import { positionals, positiveIntFlag, stringFlag } from './cli-args.ts';
import { usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import { renderTable } from './text-table.ts';

export const RETIRE_OPTIONS = {
  days: { type: 'string' },
  model: { type: 'string' },
  apply: { type: 'boolean' },
} as const;

const MAX_DAYS = 36_500;

export const modelsRetire: CliCommand = async (parsed, client) => {
  positionals(parsed, []);
  if (stringFlag(parsed, 'days') === undefined) throw usageFailure('missing --days N');
  const days = positiveIntFlag(parsed, 'days', 0, MAX_DAYS);
  const model = stringFlag(parsed, 'model');
  const apply = parsed.values.apply === true;
  const response = await client.call<RetirementResponse>({
    method: 'POST',
    path: `${NATIVE_API_PREFIX}/retirement`,
    body: { days, apply, ...(model === undefined ? {} : { model_name: model }) },
  });
  if (parsed.json) return jsonResult(response);
  if (response.candidates.length === 0) return { stdout: `No version without traffic for ${days} days.` };
  const table = renderTable(
    [{ header: 'VERSION' }, { header: 'STAGE' }, { header: 'WHY' }, { header: 'BRING BACK' }],
    response.candidates.map((c) => [
      `${c.model_name}@${c.model_version}`,
      apply ? 'Archived' : c.stage,
      c.reason,
      c.rollback_command,
    ]),
  );
  const count = response.candidates.length;
  return {
    stdout: apply
      ? `${table}\n\nArchived ${count} version${count === 1 ? '' : 's'}.`
      : `${table}\n\n${count} version${count === 1 ? '' : 's'} would be archived; run again with --apply.`,
  };
};
