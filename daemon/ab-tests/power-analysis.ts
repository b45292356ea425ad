/**
 * The power analysis of a new A/B test: alpha split evenly across the treatments (each is compared
 * with the control), the users each arm needs, and the users in all so that the smallest arm gets
 * them.
 */
import type { AbArm, AbPowerAnalysis, AbPrimaryMetric } from '../api/ab-test-contract.ts';
import { invalidParameter } from '../store/tracking-error.ts';
import { meanSampleSize, proportionSampleSize } from './sample-size.ts';

export function powerAnalysis(
  arms: readonly AbArm[],
  metric: AbPrimaryMetric,
  alpha: number,
  power: number,
): AbPowerAnalysis {
  const treatments = arms.length - 1;
  const alphaPerComparison = alpha / treatments;
  const effect = metric.minimum_detectable_effect;
  let perArm: number;
  let method: string;
  if (metric.kind === 'proportion') {
    perArm = proportionSampleSize({
      baselineRate: metric.baseline,
      minimumDetectableEffect: effect,
      alpha: alphaPerComparison,
      power,
    });
    method = `two-proportion z-test, two-sided: baseline rate ${metric.baseline}, detectable ${metric.baseline} → ${metric.baseline + effect}`;
  } else {
    if (metric.standard_deviation === undefined)
      throw invalidParameter("A mean metric needs 'primary_metric.standard_deviation' (known or estimated).");
    perArm = meanSampleSize({
      standardDeviation: metric.standard_deviation,
      minimumDetectableEffect: effect,
      alpha: alphaPerComparison,
      power,
    });
    method = `difference of means (normal approximation), two-sided: sd ${metric.standard_deviation}, detectable difference ${effect}`;
  }
  const totalWeight = arms.reduce((sum, arm) => sum + arm.weight, 0);
  const smallestShare = Math.min(...arms.map((arm) => arm.weight)) / totalWeight;
  return {
    alpha,
    alpha_per_comparison: alphaPerComparison,
    power,
    minimum_detectable_effect: effect,
    sample_size_per_arm: perArm,
    total_users: Math.ceil(perArm / smallestShare),
    method,
  };
}
