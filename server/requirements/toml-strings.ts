/**
 * The small part of TOML that dependency tables need: table headers, `key = value` lines, and
 * string values (basic and literal, single line) with their offsets. Not a TOML parser: values
 * other than strings, arrays of strings and one-line inline tables are skipped.
 */

export interface TomlString {
  readonly value: string;
  /** Offsets of the string's content (inside the quotes). */
  readonly start: number;
  readonly end: number;
  /** True when the content holds escapes, so that offsets within it do not match the value. */
  readonly escaped: boolean;
}

/** Reads the string that starts at `offset` (at its opening quote); undefined when there is none. */
export function readTomlString(text: string, offset: number): (TomlString & { next: number }) | undefined {
  const quote = text[offset];
  if (quote !== '"' && quote !== "'") return undefined;
  if (text.startsWith(quote.repeat(3), offset)) return undefined;
  let index = offset + 1;
  let value = '';
  let escaped = false;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\n') return undefined;
    if (char === quote) return { value, start: offset + 1, end: index, escaped, next: index + 1 };
    if (char === '\\' && quote === '"') {
      escaped = true;
      value += text[index + 1] ?? '';
      index += 2;
      continue;
    }
    value += char;
    index++;
  }
  return undefined;
}

/** Every string in an array value that starts at `offset` (at `[`), over several lines and comments. */
export function readTomlStringArray(text: string, offset: number): TomlString[] {
  const out: TomlString[] = [];
  let index = offset + 1;
  let depth = 1;
  while (index < text.length && depth > 0) {
    const char = text[index]!;
    if (char === '#') {
      const newline = text.indexOf('\n', index);
      index = newline === -1 ? text.length : newline;
      continue;
    }
    if (char === '"' || char === "'") {
      const string = readTomlString(text, index);
      if (!string) return out;
      out.push(string);
      index = string.next;
      continue;
    }
    if (char === '[') depth++;
    if (char === ']') depth--;
    index++;
  }
  return out;
}

export interface TomlLine {
  /** The current table, e.g. `project.optional-dependencies`; '' before any header. */
  readonly table: string;
  readonly key: string;
  /** Offset of the first character of the value. */
  readonly valueStart: number;
  readonly lineStart: number;
}

/** `key = value` lines with their table, skipping comments, headers and array continuations. */
export function tomlKeyLines(text: string): TomlLine[] {
  const out: TomlLine[] = [];
  let table = '';
  let offset = 0;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(offset, end);
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?\r?$/.exec(line);
    if (header?.[1]) table = header[1].replace(/\s*\.\s*/g, '.').replace(/["']/g, '');
    else {
      const pair = /^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=\s*/.exec(line);
      if (pair?.[1])
        out.push({
          table,
          key: pair[1].replace(/^["']|["']$/g, ''),
          valueStart: offset + pair[0].length,
          lineStart: offset,
        });
    }
    offset = end + 1;
  }
  return out;
}
