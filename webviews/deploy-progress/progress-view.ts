/**
 * What the progress page shows, DOM-free: the strategy's steps and which is current, the traffic
 * split now, what the service costs per 1,000 predictions, each rollback trigger against its
 * reading, and the verdict.
 */
import type { DeploymentReadings, DeploymentRecord, RollbackTrigger } from '../../daemon/api/contract.ts';
import type { ServingCostResponse } from '../../daemon/api/cost-contract.ts';
import type { GuardrailReadings } from './contract.ts';

export type StepState = 'done' | 'current' | 'pending';

export interface StepView {
  readonly percent: number;
  readonly state: StepState;
}

/** The highest traffic the new version was given while the deployment progressed. */
function reached(deployment: DeploymentRecord): number {
  return deployment.events
    .filter((event) => event.state === 'progressing')
    .reduce((max, event) => Math.max(max, event.traffic_percent), 0);
}

export function stepViews(deployment: DeploymentRecord): StepView[] {
  const top = reached(deployment);
  const finished = deployment.state !== 'progressing' && deployment.state !== 'planned';
  return deployment.steps.map((percent) => {
    if (percent < top || (percent === top && finished && deployment.state === 'promoted'))
      return { percent, state: 'done' };
    if (percent === top && !finished) return { percent, state: 'current' };
    if (percent === top) return { percent, state: 'done' };
    return { percent, state: 'pending' };
  });
}

/** The traffic split in words: the new version's share, the previous version's, or the mirror. */
export function trafficText(deployment: DeploymentRecord): string {
  const next = `v${deployment.model_version}`;
  const previous = deployment.previous_version ? `v${deployment.previous_version}` : undefined;
  const percent = deployment.traffic_percent;
  if (deployment.state === 'rolled_back')
    return previous ? `${previous} 100% (restored) · ${next} removed` : `${next} removed · nothing serves`;
  if (deployment.strategy === 'shadow' && deployment.state === 'progressing' && previous)
    return `${previous} serves 100% · ${next} gets a mirrored copy, serves 0%`;
  if (!previous || percent >= 100) return `${next} ${percent}%`;
  return `${next} ${percent}% · ${previous} ${100 - percent}%`;
}

function gpuCount(gpus: number): string {
  const count = Number(gpus.toPrecision(3));
  return `${count} GPU${count === 1 ? '' : 's'}`;
}

/**
 * The service's cost per 1,000 predictions with what it comes from (the GPUs its pods hold, their
 * price per hour, the request rate), or why it is not known.
 */
export function servingCostText(cost: ServingCostResponse | undefined): string {
  if (cost === undefined) return 'Cost per 1,000 predictions not known: the daemon did not answer.';
  // To the cent, or three significant digits under 0.10 (a cost per 1,000 predictions often is).
  const money = (amount: number) =>
    `${amount === 0 || amount >= 0.1 ? amount.toFixed(2) : Number(amount.toPrecision(3))} ${cost.currency}`;
  const held = cost.gpus > 0 ? `${gpuCount(cost.gpus)} at ${money(cost.cost_per_hour)} per hour` : undefined;
  if (cost.cost_per_1000_predictions !== undefined) {
    const rate = cost.requests_per_second ?? 0;
    return (
      `${money(cost.cost_per_1000_predictions)} per 1,000 predictions · ${held ?? 'no GPU'}, ` +
      `${Number(rate.toPrecision(3))} requests/s`
    );
  }
  const why = cost.missing.length > 0 ? cost.missing.join('; ') : 'no figures';
  return `Cost per 1,000 predictions not known: ${why}${held === undefined ? '' : ` · ${held}`}.`;
}

export type GuardrailStatus = 'ok' | 'breached' | 'no reading';

export interface GuardrailRow {
  readonly id: RollbackTrigger['id'];
  readonly threshold: string;
  readonly reading: string;
  readonly status: GuardrailStatus;
  /** What the daemon's reading came from (the drift report and feature, the pairs compared). */
  readonly evidence?: string;
}

function format(value: number, unit: string): string {
  const rounded = Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
  return unit === '' || unit === 'ratio' ? rounded : `${rounded} ${unit}`;
}

/**
 * Each trigger against its reading: the serving values read now from Prometheus, else what the
 * daemon's runner read last (drift, the shadow's disagreement, the business metric), with its
 * evidence.
 */
export function guardrailRows(
  triggers: readonly RollbackTrigger[],
  readings: GuardrailReadings,
  runner?: DeploymentReadings,
): GuardrailRow[] {
  return triggers.map((trigger) => {
    const live = readings.values[trigger.id];
    const value = live ?? runner?.values[trigger.id];
    const evidence = live === undefined ? runner?.evidence[trigger.id] : undefined;
    const threshold = `${trigger.direction} ${format(trigger.threshold, trigger.unit)}`;
    if (value === undefined)
      return { id: trigger.id, threshold, reading: readings.unavailable ?? '—', status: 'no reading' };
    const breached = trigger.direction === 'above' ? value > trigger.threshold : value < trigger.threshold;
    return {
      id: trigger.id,
      threshold,
      reading: format(value, trigger.unit),
      status: breached ? 'breached' : 'ok',
      ...(evidence !== undefined ? { evidence } : {}),
    };
  });
}

export interface Verdict {
  readonly kind: 'in progress' | 'promoted' | 'rolled back' | 'failed' | 'interrupted';
  readonly text: string;
}

export function verdict(deployment: DeploymentRecord): Verdict {
  const { state, model_version: version, reason } = deployment;
  switch (state) {
    case 'planned':
    case 'progressing':
      return { kind: 'in progress', text: `Version ${version} at ${deployment.traffic_percent}%` };
    case 'promoted':
      return { kind: 'promoted', text: `Promoted: version ${version} serves ${deployment.traffic_percent}%` };
    case 'rolled_back':
      // The daemon's reason mostly starts with "rolled back" itself: say it once.
      return {
        kind: 'rolled back',
        text: reason?.startsWith('rolled back')
          ? `R${reason.slice(1)}`
          : `Rolled back: ${reason ?? 'no reason recorded'}`,
      };
    case 'failed':
      return { kind: 'failed', text: `Failed: ${reason ?? 'no reason recorded'}` };
    case 'interrupted':
      return {
        kind: 'interrupted',
        text: `Interrupted at ${deployment.traffic_percent}%: the daemon stopped watching; roll it back or deploy again`,
      };
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

/** Everything but a deployment already rolled back can be rolled back. */
export function canRollBack(deployment: DeploymentRecord): boolean {
  return deployment.state !== 'rolled_back';
}
