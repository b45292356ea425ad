import { isMap } from 'yaml';
import type { Node } from 'yaml';
import type { Fix, Range } from '../../engine/types.ts';
import { insertJsonMembers, locatePointer } from '../../registry/json-edit.ts';
import type { JsonFile } from '../../registry/json-file.ts';
import { validateMetadata } from '../../registry/validate-metadata.ts';
import type { MetadataViolation } from '../../registry/validate-metadata.ts';
import type { RegistryMetadataRule } from '../rule.ts';

function rangeOf(node: Node | undefined, file: JsonFile): Range {
  const [start, end] = node?.range ?? [0, 0];
  return file.lines.range(start, end);
}

/**
 * Where a violation is reported: a wrong value at the value; a missing property at the key of
 * the object that lacks it, or at its opening brace (the top level, array items).
 */
function violationRange(violation: MetadataViolation, file: JsonFile): Range {
  const { node, key } = locatePointer(file.doc, violation.at.pointer);
  if (violation.at.kind === 'value') return rangeOf(node, file);
  if (key) return rangeOf(key, file);
  const start = node?.range?.[0] ?? 0;
  return file.lines.range(start, start + 1);
}

/** Inserts the missing property with a placeholder into the object that lacks it. */
function insertFix(
  violation: MetadataViolation,
  file: JsonFile,
  all: readonly MetadataViolation[],
): Fix | undefined {
  if (!violation.missing) return undefined;
  const { node } = locatePointer(file.doc, violation.at.pointer);
  if (!isMap(node)) return undefined;
  // An empty object is rewritten whole, with every missing property at once.
  const siblings =
    node.items.length === 0
      ? all.filter((v) => v.missing && v.at.pointer === violation.at.pointer)
      : [violation];
  const members = Object.fromEntries(
    siblings.map((v) => [v.missing?.property ?? '', v.missing?.placeholder]),
  );
  const names = Object.keys(members)
    .map((name) => `"${name}"`)
    .join(', ');
  return {
    title: `Add ${names} with a placeholder to fill in`,
    changes: [{ uri: file.uri, edits: [insertJsonMembers(node, members, file.lines)] }],
    safe: true,
  };
}

/**
 * Model registry metadata must answer which model, which version, where the artifact is, what it
 * takes and returns, and what produced it; the ModelRegistryMetadata schema says how.
 */
export const registryMetadataInvalid: RegistryMetadataRule = {
  meta: {
    id: 'registry/metadata-invalid',
    defaultSeverity: 'error',
    title: 'Model registry metadata violates the ModelRegistryMetadata schema',
  },
  target: 'registry-metadata',
  check(file) {
    const violations = validateMetadata(file.value);
    return violations.map((violation) => {
      const fix = insertFix(violation, file, violations);
      return {
        range: violationRange(violation, file),
        message: violation.message,
        ...(fix ? { fixes: [fix] } : {}),
      };
    });
  },
};
