/**
 * Rollback triggers and their defaults from the alert table, and the values that judge them.
 * Serving triggers hold at once here: a canary step's dwell time is the window they must hold for.
 */
import type { RollbackTrigger } from '../api/contract.ts';
import { ALERT_RULES } from '../alerts/alert-rules.ts';

/**
 * Guardrail values of the new version now; a value left out is not judged. `evidence` words what
 * a value was computed from, for the rollback's reason.
 */
export type GuardrailReading = Partial<Record<RollbackTrigger['id'], number>> & {
  evidence?: Partial<Record<RollbackTrigger['id'], string>>;
};

/** Whom the guardrails judge: the new version, and the version it replaces. */
export interface GuardrailSubject {
  context: string;
  namespace: string;
  service: string;
  version: string;
  model?: string;
  previousVersion?: string;
  /** The business metric the plan's `business-metric` trigger reads. */
  businessMetric?: string;
  /** When the step being judged was applied (epoch ms): drift and shadow pairs count from here. */
  since: number;
}

/** What a running deployment asks for its guardrail values. */
export interface GuardrailSource {
  read(subject: GuardrailSubject): Promise<GuardrailReading>;
}

/** Asks every source and merges their readings (a later source's value wins for the same id). */
export function combinedGuardrails(sources: readonly GuardrailSource[]): GuardrailSource {
  return {
    async read(subject): Promise<GuardrailReading> {
      const readings = await Promise.all(sources.map((source) => source.read(subject)));
      const merged: GuardrailReading = {};
      for (const { evidence, ...values } of readings) {
        Object.assign(merged, values);
        if (evidence) merged.evidence = { ...merged.evidence, ...evidence };
      }
      return merged;
    },
  };
}

/** The shadow's disagreement rate (share of mirrored requests answered differently) that rolls back. */
export const DEFAULT_SHADOW_DISAGREEMENT = 0.05;

/** The relative loss of the business metric, against the previous version, that rolls back. */
export const DEFAULT_BUSINESS_METRIC_LOSS = 0.02;

export function defaultTriggers(
  overrides: Partial<Record<RollbackTrigger['id'], number>> = {},
  businessMetric?: string,
): RollbackTrigger[] {
  const errorRate = ALERT_RULES['serving/error-rate'];
  const p99 = ALERT_RULES['serving/p99-latency'];
  const psi = ALERT_RULES['drift/feature-psi'];
  return [
    {
      id: 'error-rate',
      direction: 'above',
      threshold: overrides['error-rate'] ?? errorRate.threshold,
      unit: errorRate.unit,
    },
    {
      id: 'p99-latency',
      direction: 'above',
      threshold: overrides['p99-latency'] ?? p99.threshold,
      unit: p99.unit,
    },
    { id: 'drift-psi', direction: 'above', threshold: overrides['drift-psi'] ?? psi.threshold, unit: '' },
    {
      id: 'shadow-disagreement',
      direction: 'above',
      threshold: overrides['shadow-disagreement'] ?? DEFAULT_SHADOW_DISAGREEMENT,
      unit: 'ratio',
    },
    ...(businessMetric !== undefined
      ? [
          {
            id: 'business-metric' as const,
            direction: 'below' as const,
            threshold: -Math.abs(overrides['business-metric'] ?? DEFAULT_BUSINESS_METRIC_LOSS),
            unit: 'relative change',
            metric: businessMetric,
          },
        ]
      : []),
  ];
}

/** The first trigger the reading breaks, worded as the rollback's reason. */
export function firedTrigger(
  triggers: readonly RollbackTrigger[],
  reading: GuardrailReading,
): string | undefined {
  for (const trigger of triggers) {
    const value = reading[trigger.id];
    if (value === undefined || Number.isNaN(value)) continue;
    const broken = trigger.direction === 'above' ? value > trigger.threshold : value < trigger.threshold;
    const evidence = reading.evidence?.[trigger.id];
    if (broken)
      return `${trigger.id} ${value}${trigger.unit === 'ms' ? ' ms' : ''} is ${trigger.direction} the rollback threshold ${trigger.threshold}${trigger.unit === 'ms' ? ' ms' : ''}${evidence ? ` (${evidence})` : ''}`;
  }
  return undefined;
}
