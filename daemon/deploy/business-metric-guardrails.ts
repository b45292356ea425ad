/**
 * The `business-metric` guardrail: the new version's business metric against the previous
 * version's, as a relative change counted so that negative is worse. A canary that serves faster
 * but converts less is rolled back, and the reason gives both values. Not judged while either
 * version has no value, or when nothing served before.
 */
import type { BusinessMetricService } from '../business-metrics/business-metric-service.ts';
import type { GuardrailReading, GuardrailSource } from './guardrails.ts';

/** Six significant digits: enough to compare, without the float noise of a mean. */
const shown = (value: number): number => Number(value.toPrecision(6));

export function businessMetricGuardrails(metrics: BusinessMetricService): GuardrailSource {
  return {
    async read(subject): Promise<GuardrailReading> {
      const { businessMetric, previousVersion, model } = subject;
      if (businessMetric === undefined || previousVersion === undefined || model === undefined) return {};
      const metric = metrics.get(businessMetric);
      const scope = { ...subject, model };
      const next = await metrics.value(metric, scope);
      const previous = await metrics.value(metric, { ...scope, version: previousVersion });
      if (!next || !previous || previous.value === 0) return {};
      const change = (next.value - previous.value) / Math.abs(previous.value);
      const better = metric.direction === 'higher' ? change : -change;
      return {
        'business-metric': Math.round(better * 1e6) / 1e6,
        evidence: {
          'business-metric': `${metric.name} of version ${subject.version} is ${shown(next.value)} against ${shown(previous.value)} of version ${previousVersion}, ${metric.direction} is better; ${next.source}`,
        },
      };
    },
  };
}
