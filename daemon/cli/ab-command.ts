/**
 * `mlops-lens ab create|show|results`: A/B tests headless. `create` prints the power analysis;
 * `results` prints each arm, each treatment against the control and the verdict, which is never a
 * winner before the planned sample size.
 */
import type { AbResults, AbTest, CreateAbTestRequest } from '../api/ab-test-contract.ts';
import { NATIVE_API_PREFIX } from '../api/contract.ts';
import { positionals, stringFlag, type ParsedCommand } from './cli-args.ts';
import { usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand } from './command-result.ts';
import { renderFields, renderTable } from './text-table.ts';

export const AB_OPTIONS = {
  arms: { type: 'string' },
  metric: { type: 'string' },
  kind: { type: 'string' },
  baseline: { type: 'string' },
  mde: { type: 'string' },
  sd: { type: 'string' },
  direction: { type: 'string' },
  alpha: { type: 'string' },
  power: { type: 'string' },
  model: { type: 'string' },
  salt: { type: 'string' },
} as const;

const AB_TESTS = `${NATIVE_API_PREFIX}/ab-tests`;

function numberFlag(parsed: ParsedCommand, name: string): number | undefined {
  const text = stringFlag(parsed, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw usageFailure(`--${name} must be a number, not '${text}'`);
  return value;
}

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw usageFailure(`--${flag} is required`);
  return value;
}

/** `control:1,treatment:1` or `control:1:3,treatment:1:4` (name:weight[:model version]). */
function parseArms(text: string): CreateAbTestRequest['arms'] {
  return text.split(',').map((item) => {
    const [name = '', weight = '', version] = item.split(':');
    if (name === '' || !/^\d+$/.test(weight))
      throw usageFailure(`--arms takes name:weight[:version],… with integer weights, not '${item}'`);
    return { name, weight: Number(weight), ...(version ? { model_version: version } : {}) };
  });
}

function testText(test: AbTest): string {
  const metric = test.primary_metric;
  const plan = test.plan;
  return renderFields([
    ['test', test.name + (test.model_name ? ` (model ${test.model_name})` : '')],
    [
      'arms',
      test.arms
        .map(
          (arm) => `${arm.name} ×${arm.weight}${arm.model_version ? ` (version ${arm.model_version})` : ''}`,
        )
        .join(', ') + ` — the first is the control`,
    ],
    [
      'metric',
      `${metric.name} (${metric.kind}${metric.business ? ', business metric' : ''}, ${metric.direction} is better, baseline ${metric.baseline})`,
    ],
    ['assignment', `sticky: ${test.assignment}, salt ${test.salt}`],
    ['power analysis', plan.method],
    [
      'needs',
      `${plan.sample_size_per_arm} users per arm, ${plan.total_users} in all (alpha ${plan.alpha_per_comparison} per comparison, power ${plan.power}, detectable ${plan.minimum_detectable_effect})`,
    ],
  ]);
}

const round = (value: number | undefined): string =>
  value !== undefined && Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : '—';

function resultsText(results: AbResults): string {
  const arms = renderTable(
    [
      { header: 'ARM' },
      { header: 'USERS', align: 'right' },
      { header: 'OF PLANNED', align: 'right' },
      { header: results.metric.name.toUpperCase(), align: 'right' },
    ],
    results.arms.map((arm) => [
      arm.arm,
      String(arm.users),
      String(results.planned_per_arm),
      round(arm.value),
    ]),
  );
  const comparisons =
    results.comparisons.length === 0
      ? 'no comparison yet: each arm needs at least two users'
      : renderTable(
          [
            { header: 'TREATMENT' },
            { header: 'DIFFERENCE', align: 'right' },
            { header: 'INTERVAL' },
            { header: 'P-VALUE', align: 'right' },
          ],
          results.comparisons.map((c) => [
            c.arm,
            round(c.difference),
            `[${round(c.ci_low)}, ${round(c.ci_high)}] at ${Math.round(c.confidence * 1000) / 10}%`,
            c.p_value.toPrecision(3),
          ]),
        );
  return `${arms}\n\n${comparisons}\n\n${results.verdict}: ${results.message}`;
}

export const abCreate: CliCommand = async (parsed, client) => {
  const [name = ''] = positionals(parsed, ['name']);
  const kind = stringFlag(parsed, 'kind') ?? 'proportion';
  if (kind !== 'proportion' && kind !== 'mean')
    throw usageFailure(`--kind is proportion or mean, not '${kind}'`);
  const direction = stringFlag(parsed, 'direction');
  if (direction !== undefined && direction !== 'higher' && direction !== 'lower')
    throw usageFailure(`--direction is higher or lower, not '${direction}'`);
  const sd = numberFlag(parsed, 'sd');
  const optional = {
    model_name: stringFlag(parsed, 'model'),
    alpha: numberFlag(parsed, 'alpha'),
    power: numberFlag(parsed, 'power'),
    salt: stringFlag(parsed, 'salt'),
  };
  const request: CreateAbTestRequest = {
    name,
    arms: parseArms(stringFlag(parsed, 'arms') ?? 'control:1,treatment:1'),
    primary_metric: {
      name: required(stringFlag(parsed, 'metric'), 'metric'),
      kind,
      baseline: required(numberFlag(parsed, 'baseline'), 'baseline'),
      minimum_detectable_effect: required(numberFlag(parsed, 'mde'), 'mde'),
      ...(sd !== undefined ? { standard_deviation: sd } : {}),
      ...(direction !== undefined ? { direction } : {}),
    },
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
  const test = await client.call<AbTest>({ method: 'POST', path: AB_TESTS, body: request });
  return parsed.json ? jsonResult(test) : { stdout: testText(test) };
};

export const abShow: CliCommand = async (parsed, client) => {
  const [name = ''] = positionals(parsed, ['name']);
  const test = await client.call<AbTest>({ method: 'GET', path: `${AB_TESTS}/${encodeURIComponent(name)}` });
  return parsed.json ? jsonResult(test) : { stdout: testText(test) };
};

export const abResults: CliCommand = async (parsed, client) => {
  const [name = ''] = positionals(parsed, ['name']);
  const results = await client.call<AbResults>({
    method: 'GET',
    path: `${AB_TESTS}/${encodeURIComponent(name)}/results`,
  });
  return parsed.json ? jsonResult(results) : { stdout: resultsText(results) };
};
