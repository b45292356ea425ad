import type { KubeObject, ManagedFieldsEntry } from './kube-object.ts';
import { fromFieldsV1, toFieldsV1, type FieldSet } from './field-set.ts';
import { timestamp } from './object-store.ts';

/** Who owns which fields of an object, read from and written back to `metadata.managedFields`. */
export interface Ownership {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  fields: FieldSet;
}

export function ownershipOf(object: KubeObject | undefined): Ownership[] {
  return (object?.metadata.managedFields ?? []).map((entry) => ({
    manager: entry.manager,
    operation: entry.operation,
    apiVersion: entry.apiVersion,
    fields: fromFieldsV1(entry.fieldsV1),
  }));
}

export function managedFieldsOf(owners: readonly Ownership[]): ManagedFieldsEntry[] {
  return owners
    .filter((owner) => owner.fields.size > 0)
    .map((owner) => ({
      manager: owner.manager,
      operation: owner.operation,
      apiVersion: owner.apiVersion,
      time: timestamp(),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(owner.fields),
    }));
}

/**
 * Records an Update by `manager`: it owns every field whose value it changed (or set, on create),
 * and the managers that owned those fields before lose them.
 */
export function recordUpdate(
  owners: Ownership[],
  manager: string,
  apiVersion: string,
  changed: FieldSet,
): Ownership[] {
  const others = owners
    .filter((o) => !(o.manager === manager && o.operation === 'Update'))
    .map((o) => ({ ...o, fields: new Set([...o.fields].filter((f) => !changed.has(f))) }));
  const previous = owners.find((o) => o.manager === manager && o.operation === 'Update');
  const fields = new Set([...(previous?.fields ?? []), ...changed]);
  return [...others, { manager, operation: 'Update', apiVersion, fields }];
}
