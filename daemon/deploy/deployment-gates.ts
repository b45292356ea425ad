/**
 * The gates a deployment passes before anything is applied. Pure: the caller reads the registry
 * and runs; these judge. The analyzer's "no error diagnostics" gate is code-diagnostics-gate.ts;
 * `CODE_DIAGNOSTICS_GATE` stands in for it where no analyzer is given.
 */
import type { DeploymentGate, ModelVersionMetadataResponse } from '../api/contract.ts';

export function metadataGate(metadata: ModelVersionMetadataResponse): DeploymentGate {
  if (!metadata.valid) {
    const errors = metadata.schema_errors.join('; ');
    return {
      id: 'registry-metadata',
      status: 'failed',
      message: `registry metadata is not valid: ${errors}`,
    };
  }
  if (metadata.provenance.badge !== 'complete')
    return {
      id: 'registry-metadata',
      status: 'failed',
      message: `provenance incomplete: missing ${metadata.provenance.missing.join(', ')}`,
    };
  return { id: 'registry-metadata', status: 'passed', message: 'metadata valid, provenance complete' };
}

/** Metrics where a lower value is better. */
const LOWER_IS_BETTER = /loss|error|rmse|mse|mae|brier|log_?loss|perplexity/i;

export function evaluationGate(
  metric: string | undefined,
  candidate: number | undefined,
  production: { version: string; value: number | undefined } | undefined,
): DeploymentGate {
  if (metric === undefined)
    return { id: 'evaluation-metric', status: 'not-checked', message: 'no evaluation metric named' };
  if (!production)
    return { id: 'evaluation-metric', status: 'passed', message: 'no version in production to compare with' };
  if (candidate === undefined || production.value === undefined)
    return {
      id: 'evaluation-metric',
      status: 'failed',
      message: `${metric} is missing from the run of ${candidate === undefined ? 'the new version' : `version ${production.version}`}`,
    };
  const lower = LOWER_IS_BETTER.test(metric);
  const worse = lower ? candidate > production.value : candidate < production.value;
  const comparison = `${metric} ${candidate} against ${production.value} of version ${production.version} in production (${lower ? 'lower' : 'higher'} is better)`;
  return worse
    ? { id: 'evaluation-metric', status: 'failed', message: `worse: ${comparison}` }
    : { id: 'evaluation-metric', status: 'passed', message: comparison };
}

export function confirmationGate(
  production: boolean,
  context: string,
  confirm: string | undefined,
): DeploymentGate {
  if (!production)
    return {
      id: 'production-confirmation',
      status: 'passed',
      message: `context ${context} is not marked production`,
    };
  return confirm === context
    ? { id: 'production-confirmation', status: 'passed', message: `production context ${context} confirmed` }
    : {
        id: 'production-confirmation',
        status: 'failed',
        message: `context ${context} is marked production: type its name to confirm (confirm: "${context}")`,
      };
}

export const CODE_DIAGNOSTICS_GATE: DeploymentGate = {
  id: 'code-diagnostics',
  status: 'not-checked',
  message:
    'not checked: this daemon runs no analyzer; run `mlops-lens check` on the training and serving code',
};
