import type { EnvironmentRule } from '../rule.ts';
import { checkServingImage } from './serving-image-check.ts';
import { checkServingRequirements } from './serving-requirements-check.ts';

/**
 * A serving image or environment that installs training requirements carries notebooks,
 * dashboards, tuners and test tools into production: a bigger image that pulls and starts
 * slower, more CVEs to patch, and a dependency set that moves whenever training's does.
 * Checked in serving Dockerfiles (`serving-image-check.ts`) and in serving requirements files
 * and dependency groups (`serving-requirements-check.ts`).
 */
export const reproSharedTrainServeDeps: EnvironmentRule = {
  meta: {
    id: 'repro/shared-train-serve-deps',
    defaultSeverity: 'information',
    title: 'Serving image or environment installs training-only requirements',
  },
  target: 'environment',
  check(input, context) {
    return input.kind === 'dockerfile'
      ? checkServingImage(input.file, context.workspace)
      : checkServingRequirements(input.file, context.workspace);
  },
};
