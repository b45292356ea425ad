/**
 * The verdict of an A/B test from its comparisons. No winner is declared while any arm has fewer
 * users than the power analysis planned: peeking early inflates false positives.
 */
import type { AbArmResult, AbComparison, AbPrimaryMetric, AbVerdict } from '../api/ab-test-contract.ts';

export interface Verdict {
  verdict: AbVerdict;
  winner?: string;
  message: string;
}

export function testVerdict(
  metric: AbPrimaryMetric,
  plannedPerArm: number,
  arms: readonly AbArmResult[],
  comparisons: readonly AbComparison[],
  alphaPerComparison: number,
): Verdict {
  const short = arms.filter((arm) => arm.users < plannedPerArm);
  if (short.length > 0)
    return {
      verdict: 'insufficient-sample',
      message: `No winner before the planned sample size of ${plannedPerArm} users per arm: ${short
        .map((arm) => `${arm.arm} has ${arm.users}`)
        .join(', ')}. The figures are provisional.`,
    };
  const better = (c: AbComparison) => (metric.direction === 'higher' ? c.difference : -c.difference);
  const significant = comparisons.filter((c) => c.p_value < alphaPerComparison);
  const winners = significant.filter((c) => better(c) > 0).sort((a, b) => better(b) - better(a));
  const control = arms[0]?.arm ?? 'control';
  const best = winners[0];
  if (best)
    return {
      verdict: 'winner',
      winner: best.arm,
      message: `${best.arm} beats ${control} on ${metric.name} (${metric.direction} is better): difference ${best.difference} [${best.ci_low}, ${best.ci_high}], p = ${best.p_value}.`,
    };
  if (comparisons.length > 0 && significant.length === comparisons.length)
    return {
      verdict: 'winner',
      winner: control,
      message: `${control} beats every treatment on ${metric.name} (${metric.direction} is better).`,
    };
  return {
    verdict: 'no-difference',
    message: `No significant difference on ${metric.name} at alpha ${alphaPerComparison} per comparison.`,
  };
}
