import type { StaticValue } from '../facts/static-value.ts';
import { normalisePath } from '../extract/path-values.ts';

/**
 * The comparable form of an artifact location: a normalised path (`artifacts/model.joblib`), or
 * a glob when parts are unknown (`artifacts/*.joblib`). Null for locations that pair through
 * the registry instead (`models:/...`, `runs:/...`) or are not known at all.
 */
export function artifactKey(value: StaticValue | null): string | null {
  if (!value) return null;
  let text: string;
  if (value.kind === 'string' || value.kind === 'path') text = value.value;
  else if (value.kind === 'pattern') text = value.glob;
  else return null;
  if (/^(models|runs|mlflow-artifacts):/.test(text) || text === '' || text === '*') return null;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (scheme) return text.replace(/\/+$/, '');
  return normalisePath(text);
}

/**
 * Two locations name the same artifact when they are equal, when one is the other with a
 * leading folder (the working directory differs between the scripts), or when a glob matches.
 * A suffix match needs at least two segments or a file extension, so `model` alone pairs nothing.
 */
export function artifactKeysMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.includes('*') || b.includes('*')) return globMatches(a, b) || globMatches(b, a);
  const left = a.split('/');
  const right = b.split('/');
  const shorter = Math.min(left.length, right.length);
  for (let i = 1; i <= shorter; i++) {
    if (left[left.length - i] !== right[right.length - i]) return false;
  }
  const last = left[left.length - 1] ?? '';
  return shorter >= 2 || (last.includes('.') && !last.startsWith('.'));
}

function globMatches(pattern: string, text: string): boolean {
  if (text.includes('*') && pattern.includes('*')) return false;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`(^|/)${source}$`).test(text);
}
