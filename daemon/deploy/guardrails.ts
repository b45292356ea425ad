/**
 * Rollback triggers and their defaults from the alert table, and the values that judge them.
 * Serving triggers hold at once here: a canary step's dwell time is the window they must hold for.
 */
import type { RollbackTrigger } from '../api/contract.ts';
import { ALERT_RULES } from '../alerts/alert-rules.ts';

/** Guardrail values of the new version now; a value left out is not judged. */
export type GuardrailReading = Partial<Record<RollbackTrigger['id'], number>>;

/** What a running deployment asks for its guardrail values. */
export interface GuardrailSource {
  read(subject: {
    context: string;
    namespace: string;
    service: string;
    version: string;
  }): Promise<GuardrailReading>;
}

/** The shadow's disagreement rate (share of mirrored requests answered differently) that rolls back. */
export const DEFAULT_SHADOW_DISAGREEMENT = 0.05;

export function defaultTriggers(overrides: GuardrailReading = {}): RollbackTrigger[] {
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
    if (broken)
      return `${trigger.id} ${value}${trigger.unit === 'ms' ? ' ms' : ''} is ${trigger.direction} the rollback threshold ${trigger.threshold}${trigger.unit === 'ms' ? ' ms' : ''}`;
  }
  return undefined;
}
