/**
 * Facts for `repro/tuning-on-test-set`: the train/test splits a file makes, and the places where
 * the test split (or a value computed from it) steers a choice that training should make on a
 * validation split: early stopping, a hyper-parameter search, a decision threshold, or the best
 * candidate or checkpoint kept by its score.
 */
import type { Position, Range } from '../../engine/types.ts';
import type { CallFact } from './file-facts.ts';

/** `X_train, X_test, y_train, y_test = train_test_split(X, y)`: each array's train and test name. */
export interface TrainTestSplitFact {
  readonly call: CallFact;
  readonly pairs: readonly { readonly train: string; readonly test: string }[];
  /** The whole statement, and its indentation: a validation split goes on the line after it. */
  readonly statementRange: Range;
  readonly indent: string;
  /** The start of the line after the statement. */
  readonly after: Position;
  readonly scope: string | null;
}

export type TestSplitUseKind = 'early-stopping' | 'model-search' | 'threshold-curve' | 'best-by-test-score';

export interface TestSplitUseFact {
  readonly kind: TestSplitUseKind;
  /** What the finding underlines: the argument, the call, or the comparison. */
  readonly range: Range;
  /** The call holding the test data (absent for a comparison in a loop). */
  readonly call: CallFact | null;
  /** The keyword that carries the test data (`eval_set`, `validation_data`), if any. */
  readonly keyword: string | null;
  /** The test-split names written in `range` (`X_test`, `y_test`). */
  readonly testNames: readonly string[];
  /** Where the test data comes into it when that is elsewhere: `score = model.score(X_test, y_test)`. */
  readonly origin: Range | null;
  readonly scope: string | null;
}

export interface TestSplitFacts {
  readonly splits: readonly TrainTestSplitFact[];
  readonly uses: readonly TestSplitUseFact[];
}
