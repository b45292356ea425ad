/** Every Python rule, listed alphabetically by id. */
import type { PythonRule } from './python-rule.ts';
import { reproAutologModels } from './repro-autolog-models.ts';
import { reproUnseeded } from './repro-unseeded.ts';
import { serveModelLoadPerRequest } from './serve-model-load-per-request.ts';
import { skewFeatureMismatch } from './skew-feature-mismatch.ts';

export const PYTHON_RULES: readonly PythonRule[] = [
  reproAutologModels,
  reproUnseeded,
  serveModelLoadPerRequest,
  skewFeatureMismatch,
];
