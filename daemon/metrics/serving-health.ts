/**
 * Serving p99 latency and error rate of one context, now, and the verdicts of their two alert
 * rules. Each rule's filled PromQL template is one range query; its last point is "now".
 */
import type { PrometheusSettings, ServingAlertVerdict } from '../api/contract.ts';
import type { PrometheusClient } from './prometheus-client.ts';
import { PrometheusQueryError } from './prometheus-errors.ts';
import { fillPromqlTemplate } from './promql-template.ts';
import { judgeRule, ruleStepSeconds, type ServingAlertRule } from './serving-alert-rules.ts';

export interface ServingRules {
  p99Latency: ServingAlertRule;
  errorRate: ServingAlertRule;
}

export interface ServingHealth {
  p99_latency_seconds?: number;
  error_rate?: number;
  alerts: ServingAlertVerdict[];
}

type QueryField = 'p99_latency_query' | 'error_rate_query';

async function evaluate(
  client: PrometheusClient,
  settings: PrometheusSettings,
  field: QueryField,
  rule: ServingAlertRule,
  now: number,
): Promise<ServingAlertVerdict> {
  const query = fillPromqlTemplate(settings[field], {
    selector: settings.serving_selector,
    window: settings.rate_window,
  });
  const step = ruleStepSeconds(rule);
  try {
    const series = await client.range(query, {
      start: now - (rule.forSeconds + step) * 1000,
      end: now,
      stepSeconds: step,
    });
    // The templates aggregate to one series; should one not, the worst series counts.
    const worst = series.reduce<{ time: number; value: number }[]>(
      (best, s) =>
        (s.points.at(-1)?.value ?? -Infinity) > (best.at(-1)?.value ?? -Infinity) ? s.points : best,
      [],
    );
    return judgeRule(rule, worst, now, step);
  } catch (error) {
    if (error instanceof PrometheusQueryError)
      throw new PrometheusQueryError(
        error.errorType,
        error.detail,
        query,
        `${field} of context '${settings.context}'`,
      );
    throw error;
  }
}

export async function servingHealth(
  client: PrometheusClient,
  settings: PrometheusSettings,
  rules: ServingRules,
  now: number,
): Promise<ServingHealth> {
  const [latency, errors] = await Promise.all([
    evaluate(client, settings, 'p99_latency_query', rules.p99Latency, now),
    evaluate(client, settings, 'error_rate_query', rules.errorRate, now),
  ]);
  const health: ServingHealth = { alerts: [latency, errors] };
  if (latency.value !== undefined) health.p99_latency_seconds = latency.value;
  if (errors.value !== undefined) health.error_rate = errors.value;
  return health;
}
