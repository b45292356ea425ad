/**
 * Strategic merge for the simple cases the Kubernetes types declare: lists of containers,
 * env, volumes, ports and conditions merge by their key; other lists are replaced; `null`
 * removes a field; an element with `$patch: delete` removes that element.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const MERGE_KEY_CANDIDATES: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  ports: ['containerPort', 'port'],
  imagePullSecrets: ['name'],
  conditions: ['type'],
  hostAliases: ['ip'],
};

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The key a list field merges by, or undefined for an atomic (replaced) list. */
export function mergeKeyOf(field: string, elements: readonly unknown[]): string | undefined {
  const candidates = MERGE_KEY_CANDIDATES[field];
  if (!candidates) return undefined;
  const sample = elements.find(isObject);
  return candidates.find((key) => sample === undefined || key in sample) ?? candidates[0];
}

function mergeList(field: string, target: Json[], patch: Json[], deleteNulls: boolean): Json[] {
  const key = mergeKeyOf(field, [...patch, ...target]);
  if (!key || !patch.every(isObject)) return patch;
  const result = target.map((item) => item);
  for (const element of patch) {
    const index = result.findIndex((item) => isObject(item) && item[key] === element[key]);
    if (element['$patch'] === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = mergeObject(result[index] as JsonObject, element, deleteNulls);
    else result.push(element);
  }
  return result;
}

function mergeObject(target: JsonObject, patch: JsonObject, deleteNulls: boolean): JsonObject {
  const result: JsonObject = { ...target };
  for (const [field, value] of Object.entries(patch)) {
    if (field === '$patch') continue;
    const current = result[field];
    if (value === null) {
      if (deleteNulls) delete result[field];
    } else if (isObject(value) && isObject(current)) {
      result[field] = mergeObject(current, value, deleteNulls);
    } else if (Array.isArray(value) && Array.isArray(current)) {
      result[field] = mergeList(field, current, value, deleteNulls);
    } else {
      result[field] = value;
    }
  }
  return result;
}

/** Applies a strategic merge patch (`deleteNulls`) or merges an apply configuration into `target`. */
export function strategicMerge<T extends object>(target: T, patch: object, deleteNulls = true): T {
  return mergeObject(target as unknown as JsonObject, patch as JsonObject, deleteNulls) as unknown as T;
}
