import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Note } from '../engine/types.ts';
import { parseYaml } from '../yaml/parse.ts';
import { pointerRange } from '../yaml/pointer.ts';
import schema from './config-schema.json' with { type: 'json' };
import type { WorkspaceConfig } from './model.ts';

export interface LoadedConfig {
  readonly uri: string | undefined;
  readonly config: WorkspaceConfig;
  /** Every problem of the file, at its exact place. A broken file yields the default config. */
  readonly notes: readonly Note[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile<WorkspaceConfig>(schema);

export const DEFAULT_CONFIG: LoadedConfig = { uri: undefined, config: {}, notes: [] };

function describe(error: ErrorObject): { pointer: string; anchor: 'key' | 'value'; message: string } {
  const where = error.instancePath || '(top level)';
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String((error.params as { additionalProperty: string }).additionalProperty);
      return {
        pointer: `${error.instancePath}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        anchor: 'key',
        message: `Unknown setting "${property}" in ${where}.`,
      };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
        .map((v) => JSON.stringify(v))
        .join(', ');
      return {
        pointer: error.instancePath,
        anchor: 'value',
        message: `${where}: must be one of ${allowed}.`,
      };
    }
    case 'propertyNames': {
      const name = String((error.params as { propertyName: string }).propertyName);
      return {
        pointer: `${error.instancePath}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        anchor: 'key',
        message: `"${name}" is not a rule id (expected area/kebab-name, e.g. gpu/limits-missing).`,
      };
    }
    default:
      return {
        pointer: error.instancePath,
        anchor: 'value',
        message: `${where}: ${error.message ?? 'invalid value'}.`,
      };
  }
}

/** Parses and validates `.mlops-lens.yaml`. Invalid parts are reported and ignored. */
export function loadConfig(uri: string, text: string): LoadedConfig {
  const parsed = parseYaml(uri, text);
  const notes: Note[] = parsed.notes.map((note) => ({
    ...note,
    code: 'config-error' as const,
    severity: 'error' as const,
  }));
  const doc = parsed.documents[0];
  if (!doc) return { uri, config: {}, notes };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    notes.push({
      uri,
      range: parsed.lines.range(0, 0),
      severity: 'error',
      code: 'config-error',
      message: `Configuration not loaded: ${message}`,
    });
    return { uri, config: {}, notes };
  }
  if (value === null || value === undefined) return { uri, config: {}, notes };
  if (validate(value)) return { uri, config: value, notes };
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const { pointer, anchor, message } = describe(error);
    if (seen.has(pointer + message)) continue;
    seen.add(pointer + message);
    notes.push({
      uri,
      range: pointerRange(doc, pointer, parsed.lines, anchor),
      severity: 'error',
      code: 'config-error',
      message,
    });
  }
  // Keep what is valid: drop only the top-level sections that have errors.
  const broken = new Set((validate.errors ?? []).map((e) => e.instancePath.split('/')[1] ?? ''));
  const kept: Record<string, unknown> = {};
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, section] of Object.entries(value)) {
      if (!broken.has(key) && key in schema.properties) kept[key] = section;
    }
  }
  return { uri, config: kept, notes };
}
