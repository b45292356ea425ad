import type { StaticValue } from '../facts/static-value.ts';

/** `os.path.join`, `Path(a, b)` and `p / "x"`: a path when every part is known, else symbolic. */
export function joinPathValues(parts: readonly StaticValue[], defaultBase: 'cwd' | 'file-dir'): StaticValue {
  const base = parts[0]?.kind === 'path' || parts[0]?.kind === 'path-join' ? parts[0].base : defaultBase;
  return foldPathJoin(parts, base);
}

export function foldPathJoin(parts: readonly StaticValue[], base: 'cwd' | 'file-dir'): StaticValue {
  const flat: StaticValue[] = [];
  for (const part of parts) {
    if (part.kind === 'path-join') flat.push(...part.parts);
    else flat.push(part);
  }
  if (flat.some((p) => p.kind === 'ref' || p.kind === 'concat' || p.kind === 'binary'))
    return { kind: 'path-join', parts: flat, base };
  const segments: string[] = [];
  let pattern = false;
  let effectiveBase = base;
  for (const part of flat) {
    let text: string;
    if (part.kind === 'string' || part.kind === 'path') text = part.value;
    else if (part.kind === 'pattern') {
      text = part.glob;
      pattern = true;
    } else {
      text = '*';
      pattern = true;
    }
    if (text.startsWith('/')) {
      segments.length = 0;
      effectiveBase = 'cwd';
    }
    segments.push(text);
  }
  const value = normalisePath(segments.join('/'));
  return pattern ? { kind: 'pattern', glob: value } : { kind: 'path', value, base: effectiveBase };
}

/** Posix separators, no `.` segments, `..` folded where possible, no trailing slash. */
export function normalisePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}
