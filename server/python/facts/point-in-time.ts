/**
 * Facts for `skew/point-in-time-join`: DataFrame joins with what is known about each side's
 * columns, and feature-store reads that return the latest (online) values.
 */
import type { Range } from '../../engine/types.ts';
import type { CallFact } from './file-facts.ts';

/** One side of a join: the expression and the columns known for the frame it names. */
export interface FrameSide {
  readonly text: string;
  readonly range: Range;
  /** The variable the frame comes from (`features` in `features[["id", "x"]]`). */
  readonly variable: string | null;
  /** Columns known from reads (`parse_dates`, `usecols`, `names`), column lists and subscripts. */
  readonly columns: readonly string[];
  /** The timestamp columns among them, most event-like first. */
  readonly timestamps: readonly string[];
  /** Those known to hold datetimes (`parse_dates`, `pd.to_datetime`); the others are named so only. */
  readonly parsedTimestamps: readonly string[];
  /** Named or read like a static dimension table (`dim_*`, `*_lookup`, `reference`). */
  readonly dimension: boolean;
  /** True when a method call can be appended to `text` without parentheses. */
  readonly postfixSafe: boolean;
}

export interface JoinFact {
  /** `pandas.merge(l, r)` and `l.merge(r)` are `merge`; `l.join(r, on=k)` is `join`. */
  readonly kind: 'merge' | 'join';
  readonly call: CallFact;
  readonly left: FrameSide;
  readonly right: FrameSide;
  /** The key columns as far as they resolve; null when not static. */
  readonly leftKeys: readonly string[] | null;
  /**
   * For `join`, the columns the right frame's index was set from (`features.set_index("id")`,
   * whose `features` is then the right side); null when the index is not known.
   */
  readonly rightKeys: readonly string[] | null;
  /** The key arguments as written: `on`, or `left_on` and `right_on` (a join's index key as `right_on`). */
  readonly keyText: { readonly on: string } | { readonly leftOn: string; readonly rightOn: string } | null;
  readonly how: string | null;
  readonly suffixesText: string | null;
  /** The name pandas is imported as in this file (`pd`), null when it is not imported. */
  readonly pandasAlias: string | null;
  readonly inHandler: boolean;
  readonly scope: string | null;
}

/** A feature-store read of online (latest) values: Feast `get_online_features` or an online table. */
export interface OnlineFeatureReadFact {
  readonly kind: 'online-features' | 'online-table';
  readonly call: CallFact;
  /** The call and a chained `.to_df()` / `.to_dict()`: what the fix replaces. */
  readonly replaceRange: Range;
  /** `store` in `store.get_online_features(...)`. */
  readonly receiverText: string | null;
  readonly featuresText: string | null;
  /** The frame behind `entity_rows=frame.to_dict("records")`, when the rows come from one. */
  readonly entityFrame: FrameSide | null;
  readonly inHandler: boolean;
  readonly scope: string | null;
}

export interface PointInTimeFacts {
  readonly joins: readonly JoinFact[];
  readonly onlineReads: readonly OnlineFeatureReadFact[];
}
