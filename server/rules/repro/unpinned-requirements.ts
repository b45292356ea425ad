import type { Fix, Report } from '../../engine/types.ts';
import type { WorkspaceView } from '../../engine/workspace-view.ts';
import type { Dependency, DependencyFile } from '../../requirements/dependency-file.ts';
import { parseRequirements } from '../../requirements/parse-requirements.ts';
import { resolveBeside, workspaceLock } from '../../requirements/workspace-lock.ts';
import type { DependenciesRule } from '../rule.ts';

/** Development-only environments, where exact pins matter less than for training and serving. */
const DEV_ENVIRONMENT = /(^|[-_.])(dev|devel|test|tests|testing|docs?|lint|typing|ci|style)([-_.]|$)/i;

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Folders whose requirements serve tooling: `docs/requirements.txt`, `tests/requirements.txt`. */
const TOOLING_FOLDER = /^(\.github|\.circleci|docs?|tests?|ci|dev|lint|benchmarks?)$/i;

/**
 * Whether the file describes a training or serving environment: not dev tooling (by its name or
 * its folder's), not a pip-tools input.
 */
function isEnvironmentFile(file: DependencyFile, root: string | undefined): boolean {
  const name = fileName(file.uri);
  if (file.format === 'pyproject') return true;
  // Folders inside the workspace (only the file's own folder when the root is unknown).
  const inside =
    root !== undefined && file.uri.startsWith(`${root}/`) ? file.uri.slice(root.length + 1) : undefined;
  const folders = decodeURIComponent(inside ?? file.uri)
    .split('/')
    .slice(inside === undefined ? -2 : 0, -1);
  if (folders.some((folder) => TOOLING_FOLDER.test(folder))) return false;
  return (
    !name.endsWith('.in') && !DEV_ENVIRONMENT.test(name.replace(/^requirements/i, '').replace(/\.txt$/i, ''))
  );
}

/** Packages pinned by the file's `-c` constraint files. */
function constrainedPins(file: DependencyFile, workspace: WorkspaceView | undefined): Set<string> {
  const pinned = new Set<string>();
  if (!workspace) return pinned;
  for (const include of file.includes) {
    if (include.kind !== 'constraints') continue;
    const text = workspace.read(resolveBeside(file.uri, include.path));
    if (text === undefined) continue;
    for (const dependency of parseRequirements('', text).dependencies)
      if (dependency.pinnedVersion) pinned.add(dependency.key);
  }
  return pinned;
}

function pinFix(file: DependencyFile, dependency: Dependency, version: string, lockfile: string): Fix {
  const newText = dependency.syntax === 'poetry' ? version : `==${version}`;
  return {
    title: `Pin ${dependency.name} to ${version} (from ${fileName(lockfile)})`,
    changes: [
      {
        uri: file.uri,
        edits: [
          {
            range: file.lines.range(dependency.specifierStart, dependency.specifierEnd),
            newText,
          },
        ],
      },
    ],
    safe: true,
  };
}

/**
 * A training or serving environment whose dependencies are ranges installs whatever is newest on
 * the day the image is built: two builds of one commit can train or serve with different code.
 */
export const reproUnpinnedRequirements: DependenciesRule = {
  meta: {
    id: 'repro/unpinned-requirements',
    defaultSeverity: 'information',
    title: 'Dependency of a training or serving environment without an exact pin',
  },
  target: 'dependencies',
  check(file, context) {
    if (!isEnvironmentFile(file, context.workspace?.root)) return [];
    const constrained = constrainedPins(file, context.workspace);
    const lock = workspaceLock(file.uri, context.workspace);
    const reports: Report[] = [];
    for (const dependency of file.dependencies) {
      if (dependency.pinnedVersion || dependency.url !== undefined || dependency.editable) continue;
      if (dependency.hashes > 0 || constrained.has(dependency.key)) continue;
      if (dependency.group !== undefined && DEV_ENVIRONMENT.test(dependency.group)) continue;
      const written = dependency.specifier === '' ? 'any version' : dependency.specifier;
      const locked = lock.versions.get(dependency.key);
      const range = file.lines.range(dependency.start, dependency.end);
      if (locked) {
        reports.push({
          range,
          message: `${dependency.name} allows ${written}, not one exact version; ${fileName(locked.lockfile)} locks ${locked.version}.`,
          fixes: [pinFix(file, dependency, locked.version, locked.lockfile)],
        });
      } else {
        const names = lock.lockfiles.map(fileName).join(', ');
        const why =
          lock.lockfiles.length > 0
            ? `${names} ${lock.lockfiles.length > 1 ? 'do' : 'does'} not list it`
            : 'no lockfile in the workspace says which version';
        reports.push({
          range,
          message: `${dependency.name} allows ${written}, not one exact version; no automatic fix: ${why} (pin it with == or compile a lockfile).`,
        });
      }
    }
    return reports;
  },
};
