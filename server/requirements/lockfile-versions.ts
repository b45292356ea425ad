/**
 * Locked versions from the lockfiles of a Python project: pip-compile style `==` pins
 * (`requirements.lock`, `*.lock.txt`), `poetry.lock`, `uv.lock` and `Pipfile.lock`.
 */
import { parseRequirements } from './parse-requirements.ts';
import { normalizePackageName } from './requirement-spec.ts';

/** Whether a file name is a lockfile this module reads. */
export function isLockfileName(name: string): boolean {
  return /^(poetry\.lock|uv\.lock|Pipfile\.lock|requirements.*\.lock|.+\.lock\.txt)$/i.test(name);
}

/** `[[package]]` tables with `name` and `version`, as in poetry.lock and uv.lock. */
function packageTables(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
    const body = block.split(/^\[/m)[0] ?? '';
    const name = /^name\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    const version = /^version\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    if (name && version) out.set(normalizePackageName(name), version);
  }
  return out;
}

function pipfileLock(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return out;
  }
  if (typeof parsed !== 'object' || parsed === null) return out;
  for (const section of ['develop', 'default']) {
    const packages = (parsed as Record<string, unknown>)[section];
    if (typeof packages !== 'object' || packages === null) continue;
    for (const [name, entry] of Object.entries(packages)) {
      const version = (entry as { version?: unknown } | null)?.version;
      if (typeof version === 'string' && version.startsWith('=='))
        out.set(normalizePackageName(name), version.slice(2));
    }
  }
  return out;
}

/** The locked version of each package (by normalised name) in one lockfile's text. */
export function lockedVersions(name: string, text: string): Map<string, string> {
  if (/^(poetry|uv)\.lock$/i.test(name)) return packageTables(text);
  if (/^Pipfile\.lock$/i.test(name)) return pipfileLock(text);
  const out = new Map<string, string>();
  for (const dependency of parseRequirements('', text).dependencies)
    if (dependency.pinnedVersion) out.set(dependency.key, dependency.pinnedVersion);
  return out;
}
