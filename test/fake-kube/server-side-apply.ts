import { ApiError } from './api-status.ts';
import { fieldDisplayName, fieldSetOf, removeField, valueAtField } from './field-set.ts';
import type { KubeObject } from './kube-object.ts';
import { managedFieldsOf, ownershipOf, type Ownership } from './managed-fields.ts';
import { strategicMerge } from './strategic-merge.ts';

export interface ApplyRequest {
  live: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The message of the real server's apply conflict (structured-merge-diff's wording). */
function conflictMessage(causes: { message: string; field: string }[]): string {
  const [first] = causes;
  if (causes.length === 1 && first) return `Apply failed with 1 conflict: ${first.message}: ${first.field}`;
  const byManager = new Map<string, string[]>();
  for (const cause of causes)
    byManager.set(cause.message, [...(byManager.get(cause.message) ?? []), cause.field]);
  const lines = [...byManager.keys()]
    .sort()
    .flatMap((manager) => [
      `${manager.replace(/^conflict/, 'conflicts')}:`,
      ...(byManager.get(manager) ?? []).map((f) => `- ${f}`),
    ]);
  return `Apply failed with ${causes.length} conflicts: ${lines.join('\n')}`;
}

/**
 * Server-side apply: merges the applied configuration into the live object, removes the fields
 * this manager applied before and no longer does, and fails with 409 when another manager owns a
 * field with a different value (unless forced, which takes the field over).
 */
export function serverSideApply({ live, applied, manager, force }: ApplyRequest): KubeObject {
  const appliedFields = fieldSetOf(applied);
  const owners = ownershipOf(live);
  const conflicts: { manager: string; apiVersion: string; path: string[] }[] = [];
  for (const field of appliedFields) {
    const path = JSON.parse(field) as string[];
    if (path[path.length - 1] === '.') continue;
    for (const owner of owners) {
      if (owner.manager === manager || !owner.fields.has(field)) continue;
      if (!sameValue(valueAtField(live, path), valueAtField(applied, path))) {
        conflicts.push({ manager: owner.manager, apiVersion: owner.apiVersion, path });
      }
    }
  }
  if (conflicts.length > 0 && !force) {
    const causes = conflicts.map((c) => ({
      type: 'FieldManagerConflict',
      message: `conflict with "${c.manager}" using ${c.apiVersion}`,
      field: fieldDisplayName(c.path),
    }));
    throw new ApiError(409, 'Conflict', conflictMessage(causes), { causes });
  }

  const base: KubeObject = live
    ? structuredClone(live)
    : { ...applied, metadata: { name: applied.metadata.name } };
  const mine = owners.find((o) => o.manager === manager && o.operation === 'Apply');
  const sharedByOthers = (field: string): boolean =>
    owners.some((o) => o !== mine && o.fields.has(field) && o.manager !== manager);
  for (const field of mine?.fields ?? []) {
    if (!appliedFields.has(field) && !sharedByOthers(field)) removeField(base, JSON.parse(field) as string[]);
  }
  const { status: _status, ...configuration } = applied;
  const merged = strategicMerge(base, configuration, false);

  const taken = new Set(force ? conflicts.map((c) => JSON.stringify(c.path)) : []);
  const updated: Ownership[] = owners
    .filter((o) => !(o.manager === manager && o.operation === 'Apply'))
    .map((o) => ({ ...o, fields: new Set([...o.fields].filter((f) => !taken.has(f))) }));
  updated.push({ manager, operation: 'Apply', apiVersion: applied.apiVersion, fields: appliedFields });
  merged.metadata = { ...merged.metadata, managedFields: managedFieldsOf(updated) };
  return merged;
}
