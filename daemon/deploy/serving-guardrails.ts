/**
 * Guardrail values from the context's Prometheus: the serving error rate and p99 latency (ms) its
 * settings query. Drift and shadow disagreement have no source here yet and are not judged; a
 * context with no Prometheus set has no serving triggers either.
 */
import type { ClusterMetrics } from '../metrics/cluster-metrics.ts';
import type { GuardrailReading, GuardrailSource } from './guardrails.ts';

export function servingGuardrails(metrics: ClusterMetrics): GuardrailSource {
  return {
    async read({ context }): Promise<GuardrailReading> {
      try {
        metrics.settings(context);
      } catch {
        // No Prometheus for this context: the serving triggers cannot be judged (a failed rollout still rolls back).
        return {};
      }
      // Prometheus set but not answering mid-rollout throws: the runner rolls back rather than promote blind.
      const health = await metrics.serving(context);
      const reading: GuardrailReading = {};
      if (health.error_rate !== undefined) reading['error-rate'] = health.error_rate;
      if (health.p99_latency_seconds !== undefined)
        reading['p99-latency'] = health.p99_latency_seconds * 1000;
      return reading;
    },
  };
}
