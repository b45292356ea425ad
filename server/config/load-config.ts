import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Note } from '../engine/types.ts';
import { parseYaml } from '../yaml/parse.ts';
import { pointerRange } from '../yaml/pointer.ts';
import { closestRuleId } from './rule-id-suggestion.ts';
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

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A well-formed rule id that no rule has, but close to one that does, is most likely a typo. */
function misspelledRuleIds(
  value: unknown,
  knownRuleIds: readonly string[],
): Array<{ pointer: string; message: string }> {
  const rules = (value as { rules?: unknown } | null)?.rules;
  if (!rules || typeof rules !== 'object' || knownRuleIds.length === 0) return [];
  const out: Array<{ pointer: string; message: string }> = [];
  for (const id of Object.keys(rules)) {
    if (knownRuleIds.includes(id)) continue;
    const suggestion = closestRuleId(id, knownRuleIds);
    if (suggestion)
      out.push({
        pointer: `/rules/${escapeSegment(id)}`,
        message: `Unknown rule "${id}"; did you mean "${suggestion}"? The setting is ignored.`,
      });
  }
  return out;
}

/** The valid entries of a `rules` map that has errors: one bad entry does not undo the others. */
function validRuleEntries(rules: unknown): Record<string, unknown> | undefined {
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) return undefined;
  const settings = new Set<unknown>(schema.properties.rules.additionalProperties.enum);
  const idPattern = new RegExp(schema.properties.rules.propertyNames.pattern);
  return Object.fromEntries(
    Object.entries(rules).filter(([id, setting]) => idPattern.test(id) && settings.has(setting)),
  );
}

export interface LoadConfigOptions {
  /** Ids of the rules this build has, to point out misspelled ones. */
  readonly knownRuleIds?: readonly string[];
}

/** Parses and validates `.mlops-lens.yaml`. Invalid parts are reported and ignored. */
export function loadConfig(uri: string, text: string, options: LoadConfigOptions = {}): LoadedConfig {
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
  for (const { pointer, message } of misspelledRuleIds(value, options.knownRuleIds ?? [])) {
    notes.push({
      uri,
      range: pointerRange(doc, pointer, parsed.lines, 'key'),
      severity: 'warning',
      code: 'config-error',
      message,
    });
  }
  if (validate(value)) return { uri, config: value, notes };
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // A bad rule id fails both `propertyNames` and its inner `pattern`: report it once, at the key.
    if (error.propertyName !== undefined && error.keyword !== 'propertyNames') continue;
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
    const rules = broken.has('rules') ? validRuleEntries((value as { rules?: unknown }).rules) : undefined;
    if (rules) kept.rules = rules;
  }
  return { uri, config: kept, notes };
}
