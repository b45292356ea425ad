/**
 * One PEP 508 requirement (`name[extra]>=1.0; python_version < "3.12"`, `name @ https://...`)
 * read from a string, with the offsets of its parts so that rules can point at them and fixes
 * can rewrite the version specifier alone.
 */
export interface RequirementSpec {
  /** The name as written. */
  readonly name: string;
  /** The name normalised as PEP 503 says (lower case, runs of `-_.` become `-`). */
  readonly key: string;
  readonly extras: readonly string[];
  /** The version specifier as written, without surrounding spaces or parentheses (may be empty). */
  readonly specifier: string;
  /** The exact version when the specifier is one `==X` (no wildcard) or `===X` clause. */
  readonly pinnedVersion: string | undefined;
  readonly url: string | undefined;
  readonly marker: string | undefined;
  /** Offsets, relative to the start of the parsed string. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Where the specifier is, or where one would be inserted (after the name and extras). */
  readonly specifierStart: number;
  readonly specifierEnd: number;
  /** The end of the requirement, before any marker and trailing spaces. */
  readonly end: number;
}

export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/** The exact version of a specifier, when it pins one: `==1.2.3`, `===1.2.3`. */
export function exactVersion(specifier: string): string | undefined {
  const clauses = specifier
    .split(',')
    .map((clause) => clause.trim())
    .filter(Boolean);
  if (clauses.length !== 1) return undefined;
  const match = /^(===?)\s*([^\s*]+)$/.exec(clauses[0] ?? '');
  return match?.[2];
}

/** Reads a requirement; undefined when the string does not start with a distribution name. */
export function parseRequirementSpec(text: string): RequirementSpec | undefined {
  const leading = text.length - text.trimStart().length;
  const name = NAME.exec(text.slice(leading))?.[0];
  if (!name) return undefined;
  const nameStart = leading;
  const nameEnd = leading + name.length;
  let cursor = nameEnd;
  const skipSpaces = (): void => {
    while (cursor < text.length && (text[cursor] === ' ' || text[cursor] === '\t')) cursor++;
  };
  skipSpaces();
  let extras: string[] = [];
  let afterNameAndExtras = nameEnd;
  if (text[cursor] === '[') {
    const close = text.indexOf(']', cursor);
    if (close === -1) return undefined;
    extras = text
      .slice(cursor + 1, close)
      .split(',')
      .map((extra) => extra.trim())
      .filter(Boolean);
    cursor = close + 1;
    afterNameAndExtras = cursor;
    skipSpaces();
  }
  const semicolon = text.indexOf(';', cursor);
  const requirementEnd = semicolon === -1 ? text.length : semicolon;
  const marker = semicolon === -1 ? undefined : text.slice(semicolon + 1).trim() || undefined;
  const rest = text.slice(cursor, requirementEnd);
  const end = cursor + rest.trimEnd().length;
  let url: string | undefined;
  let specifier = '';
  let specifierStart = afterNameAndExtras;
  let specifierEnd = afterNameAndExtras;
  if (rest.startsWith('@')) {
    url = rest.slice(1).trim();
  } else if (rest.trim() !== '') {
    const open = rest.startsWith('(') ? 1 : 0;
    const body = rest.trimEnd();
    const inner = open === 1 && body.endsWith(')') ? body.slice(1, -1) : body.slice(open);
    if (!/^\s*(===?|~=|!=|<=|>=|<|>)/.test(inner)) return undefined;
    const innerLeading = inner.length - inner.trimStart().length;
    specifier = inner.trim();
    specifierStart = cursor + open + innerLeading;
    specifierEnd = specifierStart + specifier.length;
  }
  return {
    name,
    key: normalizePackageName(name),
    extras,
    specifier,
    pinnedVersion: url === undefined ? exactVersion(specifier) : undefined,
    url,
    marker,
    nameStart,
    nameEnd,
    specifierStart,
    specifierEnd,
    end,
  };
}
