/**
 * The product's alert rules. Drift rules are judged on every drift report; the serving and
 * quality rules are fed by whoever observes those values (Prometheus queries, evaluation runs)
 * through `AlertCenter.observe`, which applies the same deduplication, duration and history.
 */
import type { AlertRule, AlertRuleId } from '../api/contract.ts';

export const ALERT_RULES: Readonly<Record<AlertRuleId, AlertRule>> = {
  'drift/feature-psi': {
    id: 'drift/feature-psi',
    title: 'Feature PSI above 0.25',
    direction: 'above',
    threshold: 0.25,
    unit: '',
    for_ms: 0,
  },
  'drift/ks-p-value': {
    id: 'drift/ks-p-value',
    title: 'KS p-value below 0.01',
    direction: 'below',
    threshold: 0.01,
    unit: '',
    for_ms: 0,
  },
  'serving/p99-latency': {
    id: 'serving/p99-latency',
    title: 'p99 latency above 200 ms for 5 minutes',
    direction: 'above',
    threshold: 200,
    unit: 'ms',
    for_ms: 5 * 60_000,
  },
  'serving/error-rate': {
    id: 'serving/error-rate',
    title: 'Error rate above 1% for 1 minute',
    direction: 'above',
    threshold: 0.01,
    unit: 'ratio',
    for_ms: 60_000,
  },
  'quality/brier-degradation': {
    id: 'quality/brier-degradation',
    title: 'Brier score more than 15% worse than the baseline',
    direction: 'above',
    threshold: 0.15,
    unit: 'relative increase',
    for_ms: 0,
  },
  'quality/data-check': {
    id: 'quality/data-check',
    title: 'Data-quality checks failed',
    direction: 'above',
    threshold: 0,
    unit: 'failed checks',
    for_ms: 0,
  },
};

export function breaks(rule: AlertRule, value: number): boolean {
  if (Number.isNaN(value)) return false;
  return rule.direction === 'above' ? value > rule.threshold : value < rule.threshold;
}

/** Brier degradation as the rule reads it: the relative increase over the baseline's score. */
export function brierDegradation(baselineBrier: number, currentBrier: number): number {
  return baselineBrier > 0 ? (currentBrier - baselineBrier) / baselineBrier : Number.NaN;
}
