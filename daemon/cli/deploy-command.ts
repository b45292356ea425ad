/**
 * `mlops-lens deploy plan|apply|status|rollback`: the deploy engine headless, for CI. `apply`
 * waits for the outcome unless `--detach`; a rollback, failure or refused gate exits 1.
 */
import { stringify } from 'yaml';
import {
  NATIVE_API_PREFIX,
  type DeploymentPlan,
  type DeploymentRecord,
  type DeploymentRequest,
  type DeploymentsResponse,
} from '../api/contract.ts';
import { positionals, positiveIntFlag, stringFlag, type ParsedCommand } from './cli-args.ts';
import { usageFailure } from './cli-failure.ts';
import { jsonResult, type CliCommand, type CommandResult } from './command-result.ts';
import type { DaemonClient } from './daemon-client.ts';
import { formatTime } from './run-display.ts';
import { renderTable } from './text-table.ts';

export const DEPLOY_OPTIONS = {
  context: { type: 'string' },
  namespace: { type: 'string' },
  strategy: { type: 'string' },
  runtime: { type: 'string' },
  image: { type: 'string' },
  service: { type: 'string' },
  replicas: { type: 'string' },
  gateway: { type: 'string' },
  metric: { type: 'string' },
  'business-metric': { type: 'string' },
  confirm: { type: 'string' },
  dwell: { type: 'string' },
  force: { type: 'boolean' },
  detach: { type: 'boolean' },
  model: { type: 'string' },
} as const;

const DEPLOYMENTS = `${NATIVE_API_PREFIX}/deployments`;
const FINISHED = new Set(['promoted', 'rolled_back', 'failed', 'interrupted']);

function request(parsed: ParsedCommand): DeploymentRequest {
  const [target = ''] = positionals(parsed, ['<model>@<version|alias>']);
  const match = /^([^@]+)@(.+)$/.exec(target);
  if (!match?.[1] || !match[2]) throw usageFailure(`expected <model>@<version|alias>, not '${target}'`);
  const context = stringFlag(parsed, 'context');
  const namespace = stringFlag(parsed, 'namespace');
  if (context === undefined) throw usageFailure('--context is required');
  if (namespace === undefined) throw usageFailure('--namespace is required');
  const version = match[2];
  const optional = {
    service_name: stringFlag(parsed, 'service'),
    image: stringFlag(parsed, 'image'),
    gateway: stringFlag(parsed, 'gateway'),
    evaluation_metric: stringFlag(parsed, 'metric'),
    business_metric: stringFlag(parsed, 'business-metric'),
    runtime: stringFlag(parsed, 'runtime') as DeploymentRequest['runtime'],
    confirm: stringFlag(parsed, 'confirm'),
    replicas:
      stringFlag(parsed, 'replicas') !== undefined ? positiveIntFlag(parsed, 'replicas', 2, 1000) : undefined,
    dwell_ms:
      stringFlag(parsed, 'dwell') !== undefined
        ? positiveIntFlag(parsed, 'dwell', 300, 86_400) * 1000
        : undefined,
    force: parsed.values.force === true ? true : undefined,
  };
  return {
    model_name: match[1],
    model_version: /^\d+$/.test(version) ? version : `@${version}`,
    context,
    namespace,
    strategy: (stringFlag(parsed, 'strategy') ?? 'direct') as DeploymentRequest['strategy'],
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

function planText(plan: DeploymentPlan): string {
  const lines = [
    `${plan.request.model_name} version ${plan.model_version}` +
      (plan.previous_version ? ` (serving now: version ${plan.previous_version})` : ' (nothing serving now)'),
    `runtime ${plan.runtime}, traffic ${plan.traffic}, steps ${plan.steps.join(' → ')}%`,
    ...(plan.traffic_note ? [`note: ${plan.traffic_note}`] : []),
    '',
    `GPU: ${plan.sizing.resource} (${plan.sizing.basis}, needs ${plan.sizing.required_memory_mib} MiB)`,
    ...plan.sizing.reasoning.map((line) => `  ${line}`),
    '',
    'Rollback triggers:',
    ...plan.triggers.map(
      (t) =>
        `  ${t.id}${t.metric ? ` (${t.metric})` : ''} ${t.direction} ${t.threshold}${t.unit ? ` ${t.unit}` : ''}`,
    ),
    '',
    'Gates:',
    ...plan.gates.map((g) => `  ${g.status.padEnd(11)} ${g.id}: ${g.message}`),
    '',
    '# Manifests (first step)',
    ...plan.objects.map((object) => `---\n${stringify(object).trimEnd()}`),
  ];
  return lines.join('\n');
}

function recordText(record: DeploymentRecord): string {
  const head = `${record.id} ${record.model_name} version ${record.model_version} → ${record.context}/${record.namespace}: ${record.state} at ${record.traffic_percent}%`;
  const reason = record.reason ? `\nreason: ${record.reason}` : '';
  const events = record.events.map(
    (e) => `  ${formatTime(e.time)} ${String(e.traffic_percent).padStart(3)}% ${e.message}`,
  );
  return [head + reason, ...events].join('\n');
}

function outcome(record: DeploymentRecord, parsed: ParsedCommand): CommandResult {
  const stdout = parsed.json ? JSON.stringify(record, null, 2) : recordText(record);
  return record.state === 'promoted'
    ? { stdout }
    : { stdout, stderr: `deployment ${record.state}`, exitCode: 1 };
}

async function waitFor(client: DaemonClient, id: string): Promise<DeploymentRecord> {
  for (;;) {
    const record = await client.call<DeploymentRecord>({ method: 'GET', path: `${DEPLOYMENTS}/${id}` });
    if (FINISHED.has(record.state)) return record;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const deployPlan: CliCommand = async (parsed, client) => {
  const plan = await client.call<DeploymentPlan>({
    method: 'POST',
    path: `${DEPLOYMENTS}/plan`,
    body: request(parsed),
  });
  const result = parsed.json ? jsonResult(plan) : { stdout: planText(plan) };
  const failed = plan.gates.filter((g) => g.status === 'failed');
  if (failed.length === 0) return result;
  return { ...result, stderr: `gates failed: ${failed.map((g) => g.id).join(', ')}`, exitCode: 1 };
};

export const deployApply: CliCommand = async (parsed, client) => {
  const started = await client.call<DeploymentRecord>({
    method: 'POST',
    path: DEPLOYMENTS,
    body: request(parsed),
  });
  if (parsed.values.detach === true) return parsed.json ? jsonResult(started) : { stdout: started.id };
  return outcome(await waitFor(client, started.id), parsed);
};

export const deployStatus: CliCommand = async (parsed, client) => {
  if (parsed.positionals.length === 1) {
    const [id = ''] = parsed.positionals;
    const record = await client.call<DeploymentRecord>({ method: 'GET', path: `${DEPLOYMENTS}/${id}` });
    return parsed.json ? jsonResult(record) : { stdout: recordText(record) };
  }
  positionals(parsed, []);
  const model = stringFlag(parsed, 'model');
  const list = await client.call<DeploymentsResponse>({
    method: 'GET',
    path: DEPLOYMENTS,
    ...(model ? { query: { name: model } } : {}),
  });
  if (parsed.json) return jsonResult(list);
  if (list.deployments.length === 0) return { stdout: 'No deployments.' };
  return {
    stdout: renderTable(
      [
        { header: 'ID' },
        { header: 'MODEL' },
        { header: 'VERSION', align: 'right' },
        { header: 'CONTEXT' },
        { header: 'STATE' },
        { header: 'TRAFFIC', align: 'right' },
        { header: 'UPDATED' },
      ],
      list.deployments.map((d) => [
        d.id,
        d.model_name,
        d.model_version,
        `${d.context}/${d.namespace}`,
        d.state,
        `${d.traffic_percent}%`,
        formatTime(d.updated_time),
      ]),
    ),
  };
};

export const deployRollback: CliCommand = async (parsed, client) => {
  const [id = ''] = positionals(parsed, ['<deployment-id>']);
  const record = await client.call<DeploymentRecord>({
    method: 'POST',
    path: `${DEPLOYMENTS}/${id}/rollback`,
    body: {},
  });
  return parsed.json ? jsonResult(record) : { stdout: recordText(record) };
};
