import { isObject, mergeKeyOf } from './strategic-merge.ts';

/**
 * Field paths as server-side apply tracks them: `f:spec`, `f:replicas`, list elements by key
 * (`k:{"name":"server"}`). A set holds each leaf path as a JSON string of its segments.
 */
export type FieldSet = Set<string>;

const IGNORED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'deletionTimestamp',
]);

function collect(value: unknown, prefix: string[], field: string, into: FieldSet): void {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) collect(child, [...prefix, `f:${key}`], key, into);
    return;
  }
  if (Array.isArray(value)) {
    const key = mergeKeyOf(field, value);
    if (key && value.length > 0 && value.every((e) => isObject(e) && key in e)) {
      for (const element of value as Record<string, unknown>[]) {
        const elementPath = [...prefix, `k:${JSON.stringify({ [key]: element[key] })}`];
        into.add(JSON.stringify([...elementPath, '.']));
        for (const [child, childValue] of Object.entries(element)) {
          collect(childValue, [...elementPath, `f:${child}`], child, into);
        }
      }
      return;
    }
  }
  into.add(JSON.stringify(prefix));
}

/** The leaf fields an object sets, without server-owned metadata, kind, apiVersion and status. */
export function fieldSetOf(object: Record<string, unknown>): FieldSet {
  const set: FieldSet = new Set();
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'status') continue;
    if (key === 'metadata' && isObject(value)) {
      for (const [metaKey, metaValue] of Object.entries(value)) {
        if (!IGNORED_METADATA.has(metaKey)) collect(metaValue, ['f:metadata', `f:${metaKey}`], metaKey, set);
      }
      continue;
    }
    collect(value, [`f:${key}`], key, set);
  }
  return set;
}

/** The value at a field path, or undefined when the object has nothing there. */
export function valueAtField(object: unknown, path: readonly string[]): unknown {
  let current = object;
  for (const segment of path) {
    if (segment === '.') continue;
    if (segment.startsWith('f:')) {
      if (!isObject(current)) return undefined;
      current = current[segment.slice(2)];
    } else {
      const key = JSON.parse(segment.slice(2)) as Record<string, unknown>;
      if (!Array.isArray(current)) return undefined;
      current = current.find((e) => isObject(e) && Object.entries(key).every(([k, v]) => e[k] === v));
    }
  }
  return current;
}

/** Removes the field at `path` (a list element when the path ends at its key). */
export function removeField(object: unknown, path: readonly string[]): void {
  const trimmed = path[path.length - 1] === '.' ? path.slice(0, -1) : path;
  const parent = valueAtField(object, trimmed.slice(0, -1));
  const last = trimmed[trimmed.length - 1];
  if (last === undefined) return;
  if (last.startsWith('f:') && isObject(parent)) {
    delete parent[last.slice(2)];
  } else if (last.startsWith('k:') && Array.isArray(parent)) {
    const element = valueAtField(parent, [last]);
    const index = parent.indexOf(element);
    if (index >= 0) parent.splice(index, 1);
  }
}

/** `.spec.template.spec.containers[name="server"].image`, as conflict messages name a field. */
export function fieldDisplayName(path: readonly string[]): string {
  return path
    .filter((segment) => segment !== '.')
    .map((segment) => {
      if (segment.startsWith('f:')) return `.${segment.slice(2)}`;
      const key = JSON.parse(segment.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

/** The managedFields `fieldsV1` tree of a set. */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: Record<string, Record<string, unknown>> = {};
  for (const entry of set) {
    let node: Record<string, unknown> = root;
    for (const segment of JSON.parse(entry) as string[]) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
  }
  return root;
}

/** The set of a managedFields `fieldsV1` tree. */
export function fromFieldsV1(
  tree: Record<string, unknown>,
  prefix: string[] = [],
  into: FieldSet = new Set(),
): FieldSet {
  for (const [segment, child] of Object.entries(tree)) {
    const path = [...prefix, segment];
    if (segment === '.' || !isObject(child) || Object.keys(child).length === 0)
      into.add(JSON.stringify(path));
    else fromFieldsV1(child, path, into);
  }
  return into;
}
