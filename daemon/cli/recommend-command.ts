/**
 * `mlops-lens recommend <model>@<version|alias> [--min-labels N] [--budget X]`: the retraining
 * recommendation: the action, its reasoning paragraph, the attribution with its evidence, the
 * seasonal check and the training cost it weighed.
 */
import { NATIVE_API_PREFIX } from '../api/contract.ts';
import type {
  RetrainingRecommendation,
  RetrainingRecommendationResponse,
} from '../api/retraining-contract.ts';
import { positionals, positiveIntFlag, stringFlag } from './cli-args.ts';
import { usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import { resolveVersion } from './registry-lookup.ts';
import { renderFields } from './text-table.ts';

export const RECOMMEND_OPTIONS = {
  'min-labels': { type: 'string' },
  budget: { type: 'string' },
} as const;

const MAX_MIN_LABELS = 100_000_000;
const WIDTH = 96;

export const recommend: CliCommand = async (parsed, client) => {
  const [reference = ''] = positionals(parsed, ['model@version']);
  const at = reference.lastIndexOf('@');
  if (at <= 0 || at === reference.length - 1)
    throw usageFailure(`expected <model>@<version> (or <model>@<alias>), not '${reference}'`);
  const name = reference.slice(0, at);
  const version = await resolveVersion(client, name, reference.slice(at + 1));
  const body: Record<string, unknown> = { model_name: name, model_version: version.version };
  if (stringFlag(parsed, 'min-labels') !== undefined)
    body.min_labels = positiveIntFlag(parsed, 'min-labels', 0, MAX_MIN_LABELS);
  const budget = stringFlag(parsed, 'budget');
  if (budget !== undefined) {
    const value = Number(budget);
    if (budget.trim() === '' || !Number.isFinite(value) || value < 0)
      throw usageFailure(`--budget must be a number of at least 0, not '${budget}'`);
    body.budget = value;
  }
  const { recommendation } = await client.call<RetrainingRecommendationResponse>({
    method: 'POST',
    path: `${NATIVE_API_PREFIX}/retraining/recommendation`,
    body,
  });
  if (parsed.json) return jsonResult(recommendation);
  return { stdout: describeRecommendation(recommendation) };
};

export function describeRecommendation(recommendation: RetrainingRecommendation): string {
  const { attribution, seasonal, training_cost: cost } = recommendation;
  const fields: [string, string][] = [
    ['attribution', `${attribution.verdict.replaceAll('_', ' ')}: ${attribution.summary}`],
  ];
  attribution.evidence.forEach((evidence, i) =>
    fields.push([i === 0 ? 'evidence' : '', `- ${evidence.kind.replaceAll('_', ' ')}: ${evidence.detail}`]),
  );
  if (seasonal !== undefined)
    fields.push([
      'seasonal',
      `against ${seasonal.reference.replace('_', ' ')} (report ${seasonal.report_id}): ${seasonal.drifted_features} features drifted${seasonal.explains_shift ? ', explains the shift' : ''}`,
    ]);
  if (cost !== undefined)
    fields.push([
      'training cost',
      `last run ${round(cost.last_run_gpu_hours)} GPU-hours, ${cost.last_run_cost.toFixed(2)} ${cost.currency}; ` +
        `${cost.runs.length} ${cost.runs.length === 1 ? 'run' : 'runs'} ${round(cost.gpu_hours)} GPU-hours, ${cost.cost.toFixed(2)} ${cost.currency}`,
    ]);
  return [
    `${recommendation.model_name}@${recommendation.model_version}: ${recommendation.action.replaceAll('_', ' ').toUpperCase()}`,
    '',
    wrap(recommendation.reasoning, WIDTH),
    '',
    renderFields(fields),
  ].join('\n');
}

function round(value: number): string {
  return Number(value.toFixed(2)).toString();
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
