/**
 * One numerical feature's comparison as it crosses to a drift worker and back: the reference
 * summary's fields and the window's column as typed arrays (moved, not copied), and the
 * result or the error the worker met.
 */
import type { DriftColumnSpec, FeatureDrift } from '../../api/contract.ts';
import type { TrackingErrorCode } from '../../store/tracking-error.ts';
import { numericFeatureDrift } from '../feature-drift.ts';
import type { NumericReference } from '../reference-summary.ts';

export interface NumericFeatureTask {
  readonly feature: string;
  readonly reference: NumericReference;
  /** The window's values; NaN where missing. */
  readonly current: Float64Array;
  readonly spec: DriftColumnSpec | undefined;
  readonly isPrediction: boolean;
}

/** A batch of tasks for one worker, answered by a `WorkerReply` with the same id. */
export interface WorkerRequest {
  readonly id: number;
  readonly tasks: readonly NumericFeatureTask[];
}

export type WorkerReply =
  | { readonly id: number; readonly results: FeatureDrift[] }
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: TrackingErrorCode } };

export function runNumericFeatureTask(task: NumericFeatureTask): FeatureDrift {
  return numericFeatureDrift(task.feature, task.reference, task.current, task.spec, task.isPrediction);
}
