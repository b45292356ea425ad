/**
 * Whether a shadow answered a mirrored request differently from the version serving it. Labels
 * (strings, booleans, null) differ when they are not equal; numbers (regression outputs, or class
 * indices) differ when their relative difference is over the tolerance.
 */
import type { DriftValue } from '../api/contract.ts';

/** The relative difference under which two numeric outputs agree. */
export const DEFAULT_SHADOW_TOLERANCE = 0.01;

export function outputsDisagree(
  primary: DriftValue,
  shadow: DriftValue,
  tolerance = DEFAULT_SHADOW_TOLERANCE,
): boolean {
  if (typeof primary === 'number' && typeof shadow === 'number') {
    const scale = Math.max(Math.abs(primary), Math.abs(shadow));
    return scale !== 0 && Math.abs(primary - shadow) / scale > tolerance;
  }
  return primary !== shadow;
}

export interface DisagreementRate {
  rate: number;
  differing: number;
  pairs: number;
}

export function disagreementRate(
  pairs: readonly { primary: DriftValue; shadow: DriftValue }[],
  tolerance = DEFAULT_SHADOW_TOLERANCE,
): DisagreementRate {
  const differing = pairs.filter((pair) => outputsDisagree(pair.primary, pair.shadow, tolerance)).length;
  return { rate: pairs.length === 0 ? 0 : differing / pairs.length, differing, pairs: pairs.length };
}
