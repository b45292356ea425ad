/**
 * A/B testing facts: how code assigns traffic to model arms, what identifiers it has at hand to
 * key that assignment on, and whether it sized the experiment. Read by the `ab/*` rules.
 */
import type { Range } from '../../engine/types.ts';

/**
 * How a rewrite to sticky assignment replaces the picking expression: `fraction` for a uniform
 * number in [0, 1) (`random.random()`), `choice` for one of a list (`random.choice(ARMS)`, with
 * `arms` the list as written), `modulo` for `counter % N` (with `buckets` = N).
 */
export type ArmPickRewrite =
  | { readonly form: 'fraction'; readonly range: Range }
  | { readonly form: 'choice'; readonly range: Range; readonly arms: string }
  | { readonly form: 'modulo'; readonly range: Range; readonly buckets: number };

/** An arm picked per call, not per user: by a random draw or a request counter. */
export interface ArmPickFact {
  readonly kind: 'random' | 'counter';
  /** `random.choice`, `numpy.random.rand`, `itertools.count`, `request_count += 1`. */
  readonly api: string;
  /** The random call or the counter expression. */
  readonly range: Range;
  /** What the pick decides: the assigned variable (`arm`), or the branch it guards. */
  readonly decides: string;
  readonly rewrite: ArmPickRewrite | null;
  readonly scope: string | null;
}

/** An identifier of the caller that an arm can be keyed on, as written in the code. */
export interface CallerIdFact {
  readonly kind: 'user' | 'session';
  /** `user_id`, `req.user_id`, `payload["customer_id"]`, `request.cookies["session"]`. */
  readonly text: string;
  readonly range: Range;
  /** Inside an expression that decides an arm (its key), not merely present in the scope. */
  readonly keysArm: boolean;
  readonly scope: string | null;
}

/** Signs that an experiment's size was planned: a power analysis or a sample-size name. */
export interface SampleSizingFact {
  /** `statsmodels.stats.power.NormalIndPower`, `min_sample_size`, ... */
  readonly what: string;
  readonly range: Range;
}

export interface AbTestingFacts {
  readonly armPicks: readonly ArmPickFact[];
  /** Every arm assignment, random, counted or hashed (for `ab/no-sample-size`). */
  readonly armAssignments: readonly { readonly range: Range; readonly scope: string | null }[];
  readonly callerIds: readonly CallerIdFact[];
  readonly sampleSizing: readonly SampleSizingFact[];
}
