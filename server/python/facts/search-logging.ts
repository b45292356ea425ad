/**
 * Facts for `repro/autolog-volume`: where a file searches hyper-parameters (one run or fit per
 * candidate) and the metrics it logs once per step inside that search.
 */
import type { Position, Range } from '../../engine/types.ts';
import type { CallFact } from './file-facts.ts';

export type SearchKind = 'grid-loop' | 'run-loop' | 'objective';

/** A loop over candidates, or an objective function that a tuner calls once per trial. */
export interface SearchFact {
  readonly kind: SearchKind;
  /** The loop header or the objective's `def` line, for messages: `for params in ParameterGrid(grid)`. */
  readonly text: string;
  readonly range: Range;
  readonly scope: string | null;
}

/** A loop nested in a search that repeats a metric logging call (epochs, batches, iterations). */
export interface InnerLoopFact {
  readonly range: Range;
  /** The indentation of the loop's own line. */
  readonly indent: string;
  /** The start of the line after the loop: where a summary call goes. */
  readonly after: Position;
}

/** `mlflow.log_metric` / `log_metrics` called in a loop inside a search. */
export interface StepMetricLogFact {
  readonly call: CallFact;
  /** The whole lines of the statement holding the call (what the fix removes). */
  readonly statementLines: Range;
  /** The block holding the statement: where it starts and how many statements it has. */
  readonly block: { readonly start: Position; readonly statements: number };
  readonly loop: InnerLoopFact;
  readonly search: SearchFact;
  readonly scope: string | null;
}

export interface SearchLoggingFacts {
  readonly searches: readonly SearchFact[];
  readonly stepMetricLogs: readonly StepMetricLogFact[];
}
