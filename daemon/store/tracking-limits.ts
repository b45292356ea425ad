/** MLflow's validation rules and size limits for names, values and batches. */
import { invalidParameter } from './tracking-error.ts';

export const MAX_ENTITY_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 8000;
export const MAX_EXPERIMENT_TAG_VALUE_LENGTH = 5000;
export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_PER_BATCH = 100;
export const MAX_TAGS_PER_BATCH = 100;
export const MAX_ENTITIES_PER_BATCH = 1000;
export const MAX_RESULTS_SEARCH = 50000;
export const DEFAULT_SEARCH_RUNS_RESULTS = 1000;
export const DEFAULT_SEARCH_EXPERIMENTS_RESULTS = 1000;
export const MAX_METRIC_HISTORY_PAGE = 25000;

const VALID_NAME = /^[/\w.\- ]*$/;

/** Metric, param and tag keys: MLflow's character set, no path tricks, bounded length. */
export function validateEntityKey(kind: 'metric' | 'param' | 'tag', key: string): void {
  if (key.length === 0) throw invalidParameter(`Missing value for required parameter 'key'.`);
  if (!VALID_NAME.test(key)) {
    throw invalidParameter(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), ` +
        'dashes (-), periods (.), spaces ( ), and slashes (/).',
    );
  }
  const segments = key.split('/');
  if (key.startsWith('/') || segments.some((s) => s === '..' || s === '.' || s === '')) {
    throw invalidParameter(`Invalid ${kind} name: '${key}'. Names cannot be a path that is not unique.`);
  }
  if (key.length > MAX_ENTITY_KEY_LENGTH) {
    throw invalidParameter(
      `${capitalize(kind)} key '${key.slice(0, 32)}...' had length ${key.length}, which exceeded length limit of ${MAX_ENTITY_KEY_LENGTH}`,
    );
  }
}

export function validateValueLength(kind: string, key: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw invalidParameter(
      `${capitalize(kind)} value '${value.slice(0, 32)}...' for key '${key}' had length ${value.length}, ` +
        `which exceeded length limit of ${limit}`,
    );
  }
}

export function validateBatchLimits(metrics: number, params: number, tags: number): void {
  const over = (what: string, got: number, limit: number): never => {
    throw invalidParameter(
      `A batch logging request can contain at most ${limit} ${what}. Got ${got} ${what}. ` +
        'Please split up metrics, params, and tags across multiple requests and try again.',
    );
  };
  if (metrics > MAX_METRICS_PER_BATCH) over('metrics', metrics, MAX_METRICS_PER_BATCH);
  if (params > MAX_PARAMS_PER_BATCH) over('params', params, MAX_PARAMS_PER_BATCH);
  if (tags > MAX_TAGS_PER_BATCH) over('tags', tags, MAX_TAGS_PER_BATCH);
  const total = metrics + params + tags;
  if (total > MAX_ENTITIES_PER_BATCH)
    over('metrics, params, and tags in total', total, MAX_ENTITIES_PER_BATCH);
}

export function validateMaxResults(value: number, limit = MAX_RESULTS_SEARCH): void {
  if (!Number.isInteger(value) || value < 1 || value > limit) {
    throw invalidParameter(
      `Invalid value ${value} for parameter 'max_results' supplied. It must be a positive integer no greater than ${limit}.`,
    );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
