/** `for` semantics of the serving alert rules, judged from the points of a range query. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ERROR_RATE_RULE,
  judgeRule,
  P99_LATENCY_RULE,
  ruleStepSeconds,
} from '../../daemon/metrics/serving-alert-rules.ts';

const end = 1_800_000_000_000;
const step = ruleStepSeconds(P99_LATENCY_RULE);

function repeat(count: number, value: number): number[] {
  return Array.from({ length: count }, () => value);
}

/** Points every step up to `end`, oldest first. */
function points(values: (number | undefined)[]): { time: number; value: number }[] {
  return values.flatMap((value, i) =>
    value === undefined ? [] : [{ time: end - (values.length - 1 - i) * step * 1000, value }],
  );
}

describe('serving alert rules', () => {
  it('evaluate every 15 s for 5 min and every 3 s for 1 min, as the alert table says', () => {
    assert.equal(P99_LATENCY_RULE.threshold, 0.2);
    assert.equal(P99_LATENCY_RULE.forSeconds, 300);
    assert.equal(ERROR_RATE_RULE.threshold, 0.01);
    assert.equal(ERROR_RATE_RULE.forSeconds, 60);
    assert.equal(step, 15);
    assert.equal(ruleStepSeconds(ERROR_RATE_RULE), 3);
  });

  it('fire only when every evaluation over the whole duration breaks the threshold', () => {
    const held = judgeRule(P99_LATENCY_RULE, points(repeat(22, 0.25)), end, step);
    assert.equal(held.state, 'firing');
    assert.equal(held.active_since, end - 21 * step * 1000);
    assert.equal(held.summary, 'p99 latency 250 ms: p99 latency > 200 ms for 5 min.');
  });

  it('stay pending when the run of breaking evaluations is shorter than the duration', () => {
    const short = judgeRule(P99_LATENCY_RULE, points([...repeat(10, 0.1), ...repeat(12, 0.3)]), end, step);
    assert.equal(short.state, 'pending');
    assert.equal(short.active_since, end - 11 * step * 1000);
    assert.match(short.summary, /above 200 ms for 165 s of 5 min/);
  });

  it('restart the run after one evaluation below the threshold or one missing evaluation', () => {
    const dip = [...repeat(10, 0.3), 0.19, ...repeat(11, 0.3)];
    assert.equal(judgeRule(P99_LATENCY_RULE, points(dip), end, step).state, 'pending');
    const gap = [...repeat(10, 0.3), undefined, ...repeat(11, 0.3)];
    assert.equal(judgeRule(P99_LATENCY_RULE, points(gap), end, step).state, 'pending');
  });

  it('are inactive at or under the threshold, and unknown without a value now', () => {
    assert.equal(judgeRule(ERROR_RATE_RULE, points([0.5, 0.01]), end, 3).state, 'inactive');
    assert.equal(judgeRule(P99_LATENCY_RULE, points([0.3, 0.3, undefined]), end, step).state, 'unknown');
    assert.equal(judgeRule(P99_LATENCY_RULE, [], end, step).state, 'unknown');
    // 0/0 (no requests in the window) is no value, not an error rate.
    assert.equal(judgeRule(ERROR_RATE_RULE, points([Number.NaN]), end, 3).state, 'unknown');
  });
});
