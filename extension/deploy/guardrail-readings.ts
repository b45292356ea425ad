/**
 * The guardrail readings a progress panel shows beside the triggers: the serving error rate and
 * p99 latency the daemon reads from the context's Prometheus (`metrics/serving`), keyed and
 * scaled as the daemon's triggers are (p99 in ms).
 */
import type { ServingHealthResponse } from '../../daemon/api/contract.ts';
import type { GuardrailReadings } from '../../webviews/deploy-progress/contract.ts';

export function readingsOf(health: ServingHealthResponse, now: number): GuardrailReadings {
  if (health.availability.state === 'unavailable')
    return {
      values: {},
      unavailable: `Prometheus unavailable${health.availability.reason ? `: ${health.availability.reason}` : ''}`,
      checkedTime: now,
    };
  return {
    values: {
      ...(health.error_rate !== undefined ? { 'error-rate': health.error_rate } : {}),
      ...(health.p99_latency_seconds !== undefined
        ? { 'p99-latency': health.p99_latency_seconds * 1000 }
        : {}),
    },
    checkedTime: now,
  };
}
