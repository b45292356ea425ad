/**
 * The serving alert rules of the alert table, with Prometheus's `for` semantics: a rule fires
 * only when its condition held at every evaluation step over the whole `for` duration. The
 * verdict is read from a range query of the rule's expression that reaches one step further back
 * than `for`, so one reply decides it without state kept between calls.
 */
import type { ServingAlertVerdict } from '../api/contract.ts';

export interface ServingAlertRule {
  rule: ServingAlertVerdict['rule'];
  /** What the value is, for the summary. */
  subject: string;
  threshold: number;
  forSeconds: number;
  format(value: number): string;
}

export const P99_LATENCY_RULE: ServingAlertRule = {
  rule: 'serving_p99_latency',
  subject: 'p99 latency',
  threshold: 0.2,
  forSeconds: 300,
  format: (seconds) => `${Math.round(seconds * 1000)} ms`,
};

export const ERROR_RATE_RULE: ServingAlertRule = {
  rule: 'serving_error_rate',
  subject: 'error rate',
  threshold: 0.01,
  forSeconds: 60,
  format: (share) => `${(share * 100).toFixed(2)}%`,
};

/** Evaluation step for a rule: about 20 evaluations over `for`, between 1 s and 15 s. */
export function ruleStepSeconds(rule: ServingAlertRule): number {
  return Math.min(15, Math.max(1, Math.floor(rule.forSeconds / 20)));
}

function duration(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/**
 * Decides a rule from its expression's points (time order) over `[end - for - step, end]`.
 * A missing evaluation (no traffic, a scrape gap) breaks the run, as it resets a pending alert.
 */
export function judgeRule(
  rule: ServingAlertRule,
  points: readonly { time: number; value: number }[],
  end: number,
  stepSeconds: number,
): ServingAlertVerdict {
  const base = { rule: rule.rule, threshold: rule.threshold, for_seconds: rule.forSeconds };
  const stepMs = stepSeconds * 1000;
  const usable = points.filter((p) => Number.isFinite(p.value));
  const last = usable.at(-1);
  const limit = `${rule.subject} > ${rule.format(rule.threshold)} for ${duration(rule.forSeconds)}`;
  if (last === undefined || end - last.time > stepMs / 2) {
    return {
      ...base,
      state: 'unknown',
      summary: `No ${rule.subject} now (no traffic or no data): ${limit} not judged.`,
    };
  }
  if (!(last.value > rule.threshold)) {
    return {
      ...base,
      state: 'inactive',
      value: last.value,
      summary: `${rule.subject} ${rule.format(last.value)}, within ${limit}.`,
    };
  }
  let since = last.time;
  for (let i = usable.length - 2; i >= 0; i--) {
    const point = usable[i]!;
    if (since - point.time > stepMs * 1.5 || !(point.value > rule.threshold)) break;
    since = point.time;
  }
  const firing = last.time - since >= rule.forSeconds * 1000;
  return {
    ...base,
    state: firing ? 'firing' : 'pending',
    value: last.value,
    active_since: since,
    summary: firing
      ? `${rule.subject} ${rule.format(last.value)}: ${limit}.`
      : `${rule.subject} ${rule.format(last.value)} above ${rule.format(rule.threshold)} for ${Math.round((last.time - since) / 1000)} s of ${duration(rule.forSeconds)}.`,
  };
}
