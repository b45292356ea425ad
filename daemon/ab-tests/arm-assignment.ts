/**
 * Sticky assignment of users to the arms of an A/B test. A user's arm depends only on the test's
 * salt, the user id and the arm weights, never on the request, so a user keeps their arm for the
 * whole test and a serving app can compute it without asking the daemon:
 *
 *   point = first 4 bytes, big-endian, of SHA-256("<salt>:<user id>" in UTF-8)   (0 ≤ point < 2³²)
 *   bound_i = floor((w_1 + … + w_i) · 2³² / (w_1 + … + w_n))                      (integer division)
 *   arm = the first arm i with point < bound_i
 *
 * Weights are positive integers, so every serving language computes the same bounds exactly.
 * docs/ab-tests.md has the same few lines in Python.
 */
import { createHash } from 'node:crypto';

export interface WeightedArm {
  readonly name: string;
  readonly weight: number;
}

/** Largest sum of weights: keeps every partial sum · 2³² an exact integer in any language. */
export const MAX_TOTAL_WEIGHT = 1_000_000;

export function assignmentPoint(salt: string, userId: string): number {
  return createHash('sha256').update(`${salt}:${userId}`, 'utf8').digest().readUInt32BE(0);
}

/** The exclusive upper bound of each arm's slice of [0, 2³²), in arm order. */
export function armBounds(arms: readonly WeightedArm[]): number[] {
  const total = BigInt(arms.reduce((sum, arm) => sum + arm.weight, 0));
  let cumulative = 0n;
  return arms.map((arm) => {
    cumulative += BigInt(arm.weight);
    return Number((cumulative << 32n) / total);
  });
}

export function assignArm(salt: string, userId: string, arms: readonly WeightedArm[]): string {
  const point = assignmentPoint(salt, userId);
  const bounds = armBounds(arms);
  const index = bounds.findIndex((bound) => point < bound);
  const arm = arms[index === -1 ? arms.length - 1 : index];
  if (!arm) throw new Error('an A/B test needs at least one arm');
  return arm.name;
}
