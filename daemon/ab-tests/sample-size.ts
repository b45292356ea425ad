/**
 * Power analysis before an A/B test starts: how many users each arm needs so that a difference
 * of the minimum detectable effect (absolute) is found with the given power, two-sided at alpha.
 *
 * - Proportions (conversion): n = (z₁₋α/₂·√(2·p̄·(1−p̄)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)²,
 *   with p₁ the baseline rate, p₂ = p₁ + effect and p̄ their mean (Fleiss, no continuity correction).
 * - Means (revenue per user): n = 2·σ²·(z₁₋α/₂ + z₁₋β)² / effect², with σ the known or estimated sd.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { invalidParameter } from '../store/tracking-error.ts';

export interface ProportionPlanInput {
  readonly baselineRate: number;
  readonly minimumDetectableEffect: number;
  readonly alpha: number;
  readonly power: number;
}

export interface MeanPlanInput {
  readonly standardDeviation: number;
  readonly minimumDetectableEffect: number;
  readonly alpha: number;
  readonly power: number;
}

function zValues(alpha: number, power: number): { zAlpha: number; zBeta: number } {
  if (!(alpha > 0 && alpha < 1)) throw invalidParameter(`'alpha' must be between 0 and 1; got ${alpha}.`);
  if (!(power > 0 && power < 1)) throw invalidParameter(`'power' must be between 0 and 1; got ${power}.`);
  return { zAlpha: normalQuantile(1 - alpha / 2, 0, 1), zBeta: normalQuantile(power, 0, 1) };
}

export function proportionSampleSize(input: ProportionPlanInput): number {
  const { baselineRate: p1, minimumDetectableEffect: effect } = input;
  if (!(p1 > 0 && p1 < 1)) throw invalidParameter(`The baseline rate must be between 0 and 1; got ${p1}.`);
  const p2 = p1 + effect;
  if (effect === 0 || !(p2 > 0 && p2 < 1))
    throw invalidParameter(
      `The minimum detectable effect must be non-zero and keep the rate between 0 and 1 (baseline ${p1}, effect ${effect}).`,
    );
  const { zAlpha, zBeta } = zValues(input.alpha, input.power);
  const mean = (p1 + p2) / 2;
  const numerator =
    zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((numerator * numerator) / (effect * effect));
}

export function meanSampleSize(input: MeanPlanInput): number {
  const { standardDeviation: sd, minimumDetectableEffect: effect } = input;
  if (!(sd > 0 && Number.isFinite(sd)))
    throw invalidParameter(`The standard deviation must be a positive number; got ${sd}.`);
  if (effect === 0 || !Number.isFinite(effect))
    throw invalidParameter(`The minimum detectable effect must be a non-zero number; got ${effect}.`);
  const { zAlpha, zBeta } = zValues(input.alpha, input.power);
  return Math.ceil((2 * sd * sd * (zAlpha + zBeta) ** 2) / (effect * effect));
}
