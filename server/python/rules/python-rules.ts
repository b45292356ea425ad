/** Every Python rule, listed alphabetically by id. */
import { abNoSampleSize } from './ab-no-sample-size.ts';
import { abPerRequestAssignment } from './ab-per-request-assignment.ts';
import { abSessionAssignment } from './ab-session-assignment.ts';
import type { PythonRule } from './python-rule.ts';
import { reproAutologModels } from './repro-autolog-models.ts';
import { reproAutologVolume } from './repro-autolog-volume.ts';
import { reproFitBeforeSplit } from './repro-fit-before-split.ts';
import { reproTuningOnTestSet } from './repro-tuning-on-test-set.ts';
import { reproUnsavedPreprocessor } from './repro-unsaved-preprocessor.ts';
import { reproUnseeded } from './repro-unseeded.ts';
import { reproUnversionedData } from './repro-unversioned-data.ts';
import { serveModelLoadPerRequest } from './serve-model-load-per-request.ts';
import { servePandasPerRequest } from './serve-pandas-per-request.ts';
import { skewDivergentTransform } from './skew-divergent-transform.ts';
import { skewFeatureMismatch } from './skew-feature-mismatch.ts';
import { skewPointInTimeJoin } from './skew-point-in-time-join.ts';
import { skewReimplementedTransform } from './skew-reimplemented-transform.ts';
import { skewTokenizerMismatch } from './skew-tokenizer-mismatch.ts';
import { skewRefitInServing } from './skew-refit-in-serving.ts';

export const PYTHON_RULES: readonly PythonRule[] = [
  abNoSampleSize,
  abPerRequestAssignment,
  abSessionAssignment,
  reproAutologModels,
  reproAutologVolume,
  reproFitBeforeSplit,
  reproTuningOnTestSet,
  reproUnsavedPreprocessor,
  reproUnseeded,
  reproUnversionedData,
  serveModelLoadPerRequest,
  servePandasPerRequest,
  skewDivergentTransform,
  skewFeatureMismatch,
  skewPointInTimeJoin,
  skewRefitInServing,
  skewReimplementedTransform,
  skewTokenizerMismatch,
];
