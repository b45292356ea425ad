import type { Range } from '../../engine/types.ts';
import type { StaticValue } from './static-value.ts';

/** One operation applied to a feature value, in the order it is applied. */
export type TransformStep = { readonly range: Range } & (
  | {
      readonly kind: 'fillna';
      readonly value: StaticValue | null;
      readonly strategy: string | null;
      /** The fill value's own expression, for fixes that replace it. */
      readonly valueRange: Range | null;
    }
  | { readonly kind: 'clip'; readonly lower: StaticValue | null; readonly upper: StaticValue | null }
  | { readonly kind: 'cast'; readonly dtype: string }
  | { readonly kind: 'log'; readonly fn: string }
  | { readonly kind: 'math'; readonly fn: string }
  | { readonly kind: 'string'; readonly op: string }
  | { readonly kind: 'map'; readonly mapping: StaticValue }
  | { readonly kind: 'bin'; readonly edges: StaticValue | null; readonly labels: StaticValue | null }
  | { readonly kind: 'date'; readonly format: StaticValue | null }
  | {
      readonly kind: 'arithmetic';
      readonly op: string;
      readonly operand: StaticValue;
      /** 'left' when the feature is the left operand (`x - 3.2`), 'right' for `3.2 - x`. */
      readonly featureSide: 'left' | 'right';
    }
);

export type FeatureAccess = 'column' | 'key' | 'get' | 'attribute' | 'variable';

/**
 * A feature read and transformed in one expression, e.g. `np.log1p(df["income"].fillna(0))`
 * or `(payload["income"] - 3.2) / 1.7`. A feature transformed over several statements gives
 * one fact per statement, in source order. Reads without any transform are not recorded.
 */
export interface FeatureTransformFact {
  readonly feature: string;
  readonly access: FeatureAccess;
  /** The object the feature is read from, as written (`df`, `payload`, `req`). */
  readonly receiver: string;
  readonly steps: readonly TransformStep[];
  /** The outermost transformed expression. */
  readonly range: Range;
  readonly accessRange: Range;
  /** The statement that holds it, for edits that rewrite the whole line. */
  readonly statementRange: Range;
  /** `df["x"] = ...` or `x = ...`: where the result goes. */
  readonly assignedTo: string | null;
  readonly scope: string | null;
}
