/**
 * What the analysis knows about the value of an expression without running it. Values that
 * depend on another module stay symbolic (`ref`, `concat`, `path-join`, `binary`) inside one
 * file's facts; the workspace index resolves them through imports.
 */
export type StaticValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'list'; readonly items: readonly StaticValue[] }
  | { readonly kind: 'tuple'; readonly items: readonly StaticValue[] }
  | { readonly kind: 'dict'; readonly entries: readonly DictEntry[] }
  /** A filesystem path; `base: 'file-dir'` when built from `__file__`'s folder. */
  | { readonly kind: 'path'; readonly value: string; readonly base: 'cwd' | 'file-dir' }
  /** A string with unknown parts, e.g. `f"models/{name}.pkl"` gives the glob `models/*.pkl`. */
  | { readonly kind: 'pattern'; readonly glob: string }
  /** A name imported from another module (`level` > 0 for relative imports). */
  | { readonly kind: 'ref'; readonly module: string; readonly name: string; readonly level: number }
  | { readonly kind: 'concat'; readonly parts: readonly StaticValue[] }
  | { readonly kind: 'path-join'; readonly parts: readonly StaticValue[]; readonly base: 'cwd' | 'file-dir' }
  | {
      readonly kind: 'binary';
      readonly op: string;
      readonly left: StaticValue;
      readonly right: StaticValue;
    }
  | { readonly kind: 'unknown'; readonly text: string };

export interface DictEntry {
  readonly key: StaticValue;
  readonly value: StaticValue;
}

export const UNKNOWN_VALUE: StaticValue = { kind: 'unknown', text: '' };

/** The string a value stands for, when it is a plain string or a path. */
export function stringOf(value: StaticValue | null | undefined): string | null {
  if (!value) return null;
  if (value.kind === 'string' || value.kind === 'path') return value.value;
  return null;
}

export function numberOf(value: StaticValue | null | undefined): number | null {
  return value?.kind === 'number' ? value.value : null;
}

/** The strings of a list or tuple of strings, or null when any item is not a known string. */
export function stringListOf(value: StaticValue | null | undefined): string[] | null {
  if (!value || (value.kind !== 'list' && value.kind !== 'tuple')) return null;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'string') return null;
    out.push(item.value);
  }
  return out;
}

/** True when nothing symbolic or unknown is left inside the value. */
export function isFullyKnown(value: StaticValue): boolean {
  switch (value.kind) {
    case 'list':
    case 'tuple':
      return value.items.every(isFullyKnown);
    case 'dict':
      return value.entries.every((entry) => isFullyKnown(entry.key) && isFullyKnown(entry.value));
    case 'ref':
    case 'concat':
    case 'path-join':
    case 'binary':
    case 'unknown':
    case 'pattern':
      return false;
    default:
      return true;
  }
}

/** A short human rendering for messages: `0`, `'median'`, `[0, 18, 65]`. */
export function describeValue(value: StaticValue): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
      return `[${value.items.map(describeValue).join(', ')}]`;
    case 'tuple':
      return `(${value.items.map(describeValue).join(', ')})`;
    case 'dict':
      return `{${value.entries.map((e) => `${describeValue(e.key)}: ${describeValue(e.value)}`).join(', ')}}`;
    case 'path':
      return JSON.stringify(value.value);
    case 'pattern':
      return JSON.stringify(value.glob);
    case 'ref':
      return `${'.'.repeat(value.level)}${value.module}.${value.name}`;
    case 'concat':
    case 'path-join':
      return value.parts.map(describeValue).join(' + ');
    case 'binary':
      return `${describeValue(value.left)} ${value.op} ${describeValue(value.right)}`;
    case 'unknown':
      return value.text || '?';
  }
}
