/**
 * Validates model registry metadata against the shipped ModelRegistryMetadata JSON Schema and
 * describes each violation by its JSON pointer.
 */
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import schema from './model-registry-metadata.schema.json' with { type: 'json' };

export { schema as MODEL_REGISTRY_METADATA_SCHEMA };

export interface MetadataViolation {
  /** The JSON pointer of the violation: the missing property, or the wrong value. */
  readonly pointer: string;
  /** The object that lacks a property (`missing`), or the value that is wrong (`value`). */
  readonly at: { readonly pointer: string; readonly kind: 'missing' | 'value' };
  /** For a missing property: its name, and the placeholder value a fix inserts. */
  readonly missing?: { readonly property: string; readonly placeholder: unknown };
  readonly message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its module object is the plugin, and `.default` is the same plugin,
// which is what the types describe. Calling `.default` works under Node and under esbuild.
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function found(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

type SchemaNode = {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
};

/** The schema node at a `#/a/b` reference into the shipped schema. */
function schemaAt(reference: string): SchemaNode | undefined {
  let node: unknown = schema;
  for (const segment of reference.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  const found = node as SchemaNode | undefined;
  return found?.$ref ? schemaAt(found.$ref) : found;
}

/**
 * What a fix writes for a missing property: an empty string, an empty list, or an object with
 * its own required properties. Empty values still fail validation, so the user sees what to fill.
 */
function placeholderFor(node: SchemaNode | undefined): unknown {
  const types: readonly string[] = typeof node?.type === 'string' ? [node.type] : (node?.type ?? []);
  const type = types[0];
  if (type === 'array') return [];
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of node?.required ?? []) out[key] = placeholderFor(node?.properties?.[key]);
    return out;
  }
  return '';
}

function placeholderOf(requiredSchemaPath: string, property: string): unknown {
  const owner = schemaAt(requiredSchemaPath.replace(/\/required$/, ''));
  return placeholderFor(owner?.properties?.[property]);
}

function describe(error: ErrorObject, root: unknown): MetadataViolation {
  const where = error.instancePath;
  const value = valueAt(root, where);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const property = String(params.missingProperty);
      const pointer = `${where}/${escapePointerSegment(property)}`;
      return {
        pointer,
        at: { pointer: where, kind: 'missing' },
        missing: { property, placeholder: placeholderOf(error.schemaPath, property) },
        message: `${pointer}: required property "${property}" is missing from ${where || 'the top level'}.`,
      };
    }
    case 'type':
      return {
        pointer: where,
        at: { pointer: where, kind: 'value' },
        message: `${where}: must be ${String(params.type).replace(',', ' or ')}, found ${found(value)}.`,
      };
    case 'format':
      return {
        pointer: where,
        at: { pointer: where, kind: 'value' },
        message: `${where}: must be a URI with a scheme (s3://, gs://, https://, file://, models:/...), found ${found(value)}.`,
      };
    case 'pattern':
      return {
        pointer: where,
        at: { pointer: where, kind: 'value' },
        message: `${where}: ${found(value)} does not match ${String(params.pattern)}.`,
      };
    case 'minLength':
      return {
        pointer: where,
        at: { pointer: where, kind: 'value' },
        message: `${where}: must not be empty.`,
      };
    case 'minItems':
      return {
        pointer: where,
        at: { pointer: where, kind: 'value' },
        message: `${where}: must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.`,
      };
    default:
      return {
        pointer: where,
        at: { pointer: where, kind: 'value' },
        message: `${where || '(top level)'}: ${error.message ?? 'invalid value'}.`,
      };
  }
}

/** Every violation of the metadata, in document order of ajv's traversal, without duplicates. */
export function validateMetadata(value: unknown): MetadataViolation[] {
  if (validate(value)) return [];
  const seen = new Set<string>();
  const out: MetadataViolation[] = [];
  for (const error of validate.errors ?? []) {
    const violation = describe(error, value);
    if (seen.has(violation.message)) continue;
    seen.add(violation.message);
    out.push(violation);
  }
  return out;
}
