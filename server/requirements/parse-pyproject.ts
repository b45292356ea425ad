/**
 * Reads the dependencies of a `pyproject.toml`: PEP 621 `[project] dependencies` and
 * `[project.optional-dependencies]`, Poetry `[tool.poetry.dependencies]` and
 * `[tool.poetry.group.<name>.dependencies]`. Never throws; what it cannot read is left out.
 */
import { LineIndex } from '../engine/line-index.ts';
import { dependencyAt } from './dependency-file.ts';
import type { Dependency, DependencyFile } from './dependency-file.ts';
import { normalizePackageName, parseRequirementSpec } from './requirement-spec.ts';
import { readTomlString, readTomlStringArray, tomlKeyLines } from './toml-strings.ts';
import type { TomlLine, TomlString } from './toml-strings.ts';

function lineBounds(text: string, start: number, end: number): { lineStart: number; lineEnd: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  return { lineStart, lineEnd: newline === -1 ? text.length : newline + 1 };
}

function pep621(text: string, string: TomlString, group: string | undefined): Dependency | undefined {
  if (string.escaped) return undefined;
  const spec = parseRequirementSpec(string.value);
  if (!spec) return undefined;
  return dependencyAt(spec, string.start, {
    syntax: 'pep440',
    hashes: 0,
    editable: false,
    group,
    ...lineBounds(text, string.start, string.end),
  });
}

const POETRY_EXACT = /^(==)?\s*\d+(\.\d+)*([a-z0-9.+-]*)$/i;

/** `name = "^1.2"` or `name = { version = "^1.2", extras = [...] }` in a Poetry table. */
function poetry(text: string, line: TomlLine, group: string | undefined): Dependency | undefined {
  if (line.key === 'python') return undefined;
  let version: TomlString | undefined;
  let url: string | undefined;
  if (text[line.valueStart] === '{') {
    const close = text.indexOf('}', line.valueStart);
    const body = text.slice(line.valueStart, close === -1 ? text.indexOf('\n', line.valueStart) : close);
    const versionKey = /\bversion\s*=\s*/.exec(body);
    if (versionKey) version = readTomlString(text, line.valueStart + versionKey.index + versionKey[0].length);
    const source = /\b(git|path|url)\s*=\s*["']([^"']*)/.exec(body);
    if (source) url = source[2];
    if (!version && !url) return undefined;
  } else {
    version = readTomlString(text, line.valueStart);
    if (!version) return undefined;
  }
  const keyStart = text.indexOf(line.key, line.lineStart);
  const specifier = version?.value.trim() ?? '';
  const exact = POETRY_EXACT.test(specifier) ? specifier.replace(/^==\s*/, '') : undefined;
  const end = version ? version.end + 1 : line.valueStart;
  return {
    name: line.key,
    key: normalizePackageName(line.key),
    extras: [],
    specifier,
    pinnedVersion: url === undefined ? exact : undefined,
    url,
    syntax: 'poetry',
    hashes: 0,
    editable: false,
    group,
    start: keyStart,
    end,
    nameStart: keyStart,
    nameEnd: keyStart + line.key.length,
    specifierStart: version?.start ?? end,
    specifierEnd: version?.end ?? end,
    ...lineBounds(text, keyStart, end),
  };
}

export function parsePyproject(uri: string, text: string): DependencyFile {
  const dependencies: Dependency[] = [];
  const push = (dependency: Dependency | undefined): void => {
    if (dependency) dependencies.push(dependency);
  };
  for (const line of tomlKeyLines(text)) {
    const poetryGroup = /^tool\.poetry\.group\.([^.]+)\.dependencies$/.exec(line.table)?.[1];
    if (line.table === 'project' && line.key === 'dependencies' && text[line.valueStart] === '[') {
      for (const string of readTomlStringArray(text, line.valueStart)) push(pep621(text, string, undefined));
    } else if (line.table === 'project.optional-dependencies' && text[line.valueStart] === '[') {
      for (const string of readTomlStringArray(text, line.valueStart)) push(pep621(text, string, line.key));
    } else if (line.table === 'tool.poetry.dependencies') push(poetry(text, line, undefined));
    else if (poetryGroup) push(poetry(text, line, poetryGroup));
  }
  return { uri, format: 'pyproject', lines: new LineIndex(text), dependencies, includes: [] };
}
